package lang

// WithIntentFallback completes a reading that found nothing at all with
// what the keyword intent of the whole message says ("pesanan saya gmn?"
// asks for the status), so a message the mention rules miss is still
// answered. A reading with any mention is returned unchanged.
func WithIntentFallback(r Reading) Reading {
	if len(r.Items) > 0 || len(r.Unknown) > 0 || len(r.NoVariant) > 0 || len(r.Questions) > 0 ||
		len(r.Acts) > 0 || len(r.Choices) > 0 || r.Details != (Details{}) {
		return r
	}
	all := Span{0, len(r.Norm)}
	q := func(k QuestionKind) { r.Questions = append(r.Questions, Question{Span: all, Kind: k}) }
	act := func(k ActKind, category string) {
		r.Acts = append(r.Acts, Act{Span: all, Kind: k, Complaint: category})
	}
	switch DetectIntent(r.Norm) {
	case IntentOrderStatus:
		q(QStatus)
	case IntentCatalog:
		q(QCatalog)
	case IntentShippingCost:
		r.Questions = append(r.Questions, Question{Span: all, Kind: QOngkir, Place: DetectPlace(r.Norm)})
	case IntentCOD:
		q(QCOD)
	case IntentPaymentInfo:
		q(QPayment)
	case IntentHowToOrder:
		q(QHowTo)
	case IntentShopInfo:
		q(QShopInfo)
	case IntentDiscount:
		q(QDiscount)
	case IntentComplaintLate:
		act(ActComplaint, ComplaintLate)
	case IntentComplaintWrong:
		act(ActComplaint, ComplaintWrongItem)
	case IntentComplaintDamaged:
		act(ActComplaint, ComplaintDamaged)
	case IntentComplaintOther:
		act(ActComplaint, ComplaintOther)
	case IntentHuman:
		act(ActHuman, "")
	case IntentCancel:
		act(ActCancel, "")
	case IntentAbuse:
		act(ActAbuse, "")
	case IntentGreeting:
		act(ActGreet, "")
	case IntentThanks:
		act(ActThanks, "")
	case IntentDone:
		act(ActDone, "")
	case IntentConfirmYes:
		act(ActConfirm, "")
	case IntentConfirmNo:
		act(ActDeny, "")
	}
	return r
}
