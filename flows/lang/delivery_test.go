package lang

import "testing"

func TestReadRating(t *testing.T) {
	for _, tc := range []struct {
		text    string
		marked  bool
		n       int
		comment string
	}{
		{"5", false, 5, ""},
		{"4 bagus", false, 4, "bagus"},
		{"bintang 3", false, 3, ""},
		{"⭐⭐⭐⭐", false, 4, ""},
		{"⭐⭐⭐⭐⭐ mantap kak", false, 5, "mantap kak"},
		{"nilai 2, kainnya tipis", false, 2, "kainnya tipis"},
		{"lima", false, 5, ""},
		{"Lima kak, puas banget", false, 5, "puas banget"},
		{"kak 4/5, pengiriman agak lama", false, 4, "pengiriman agak lama"},
		{"3 dari 5", false, 3, ""},
		{"5 ⭐", false, 5, ""},
		{"nilai 2, kainnya tipis", true, 2, "kainnya tipis"},
		{"⭐⭐⭐", true, 3, ""},
	} {
		n, c, ok := ReadRating(tc.text, tc.marked)
		if !ok || n != tc.n || c != tc.comment {
			t.Errorf("ReadRating(%q, %v) = %d %q %v, want %d %q", tc.text, tc.marked, n, c, ok, tc.n, tc.comment)
		}
	}
	for _, tc := range []struct {
		text   string
		marked bool
	}{
		{"0", false}, {"6", false}, {"10", false}, {"100rb", false}, {"4.5", false}, {"2,5", false},
		{"2 pcs", false}, {"5 rb", false}, {"mau 2 yang hitam", false}, {"⭐⭐⭐⭐⭐⭐", false},
		{"makasih kak", false}, {"", false}, {"bintang 0", false},
		{"5", true}, {"4 bagus", true}, // a bare number may answer another question
	} {
		if n, _, ok := ReadRating(tc.text, tc.marked); ok {
			t.Errorf("ReadRating(%q, %v) = %d, want no rating", tc.text, tc.marked, n)
		}
	}
}

func TestReadArrival(t *testing.T) {
	for _, tc := range []struct {
		text     string
		explicit bool
		want     Arrival
	}{
		{"sudah", false, Arrived},
		{"udah nyampe kak", false, Arrived},
		{"alhamdulillah sampai", false, Arrived},
		{"sudah diterima, terima kasih kak", false, Arrived},
		{"👍", false, Arrived},
		{"belum", false, NotArrived},
		{"blm nyampe nih kak", false, NotArrived},
		{"gak sampe2 kak", false, NotArrived},
		{"belum kak, kapan ya?", false, NotArrived},
		{"sudah sampai mana?", false, ArrivalUnknown},
		{"sudah transfer kak", false, ArrivalUnknown},
		{"kak bergo hitam masih ada?", false, ArrivalUnknown},
		{"makasih kak", false, ArrivalUnknown},
		{"sudah", true, ArrivalUnknown},
		{"belum", true, ArrivalUnknown},
		{"paketnya udah sampe kak", true, Arrived},
		{"belum nyampe kak", true, NotArrived},
	} {
		if got := ReadArrival(tc.text, tc.explicit); got != tc.want {
			t.Errorf("ReadArrival(%q, %v) = %d, want %d", tc.text, tc.explicit, got, tc.want)
		}
	}
}
