package lang

import "errors"

// Sentinel errors of the language helpers. Callers map them to a polite
// Indonesian reply; they carry no customer text so they are safe to log.
var (
	// ErrPriceInvalid means a price could not be read as whole rupiah in
	// 1..MaxPrice.
	ErrPriceInvalid = errors.New("price is not a valid rupiah amount")

	// ErrQtyNotNumber means the quantity is not a plain base-10 whole number
	// (exponent, hex, underscore, NaN, Inf, a '+' sign, letters).
	ErrQtyNotNumber = errors.New("quantity is not a number")
	// ErrQtyZero means the quantity is zero.
	ErrQtyZero = errors.New("quantity is zero")
	// ErrQtyNegative means the quantity carries a minus sign.
	ErrQtyNegative = errors.New("quantity is negative")
	// ErrQtyFraction means the quantity has a decimal part ("1,5", "setengah").
	ErrQtyFraction = errors.New("quantity is not a whole number")
	// ErrQtyTooLarge means the quantity is above the allowed maximum.
	ErrQtyTooLarge = errors.New("quantity is too large")

	// ErrPhoneInvalid means a phone number could not be normalised to 9..15
	// digits with a country code.
	ErrPhoneInvalid = errors.New("phone number is not valid")
)
