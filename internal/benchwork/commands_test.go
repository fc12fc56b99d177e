package benchwork

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/bot"
)

// BenchmarkOwnerCommand sends each owner command of a mixed day
// (benchCommands) from the owner's number through the WhatsApp transport,
// one committed turn per op, on a shop with 1,000 and with 20,000 past
// orders, with a quiet day (today=0) and with a day of 3,000 orders taken
// through the benchmark workload and paid (today=3000: the state "pesanbot
// bench" leaves after a few slices, with thousands waiting to be packed):
// a command's cost should grow neither with the shop's history nor with
// the day's orders.
// cpu-ms/op is the process's user+system CPU time per command (getrusage),
// the commit's included; ns/op is wall time, fsync included.
//
//	go test ./internal/benchwork -run '^$' -bench OwnerCommand -benchtime 200x
func BenchmarkOwnerCommand(b *testing.B) {
	for _, orders := range []int{1000, 20000} {
		for _, today := range []int{0, 3000} {
			b.Run(fmt.Sprintf("orders=%d/today=%d", orders, today), func(b *testing.B) {
				ctx := context.Background()
				s, err := Open(ctx, b.TempDir(), Options{Orders: orders})
				if err != nil {
					b.Fatal(err)
				}
				defer s.Close()
				if today > 0 {
					// Each sequential episode is one order (three messages)
					// and a question; Run marks them paid at its end.
					if r := s.Run(ctx, Sequential, 4*today, time.Time{}); r.Errors > 0 {
						b.Fatalf("%d messages failed; first: %v", r.Errors, r.FirstErr)
					}
				}
				for _, cmd := range benchCommands {
					b.Run(strings.TrimPrefix(cmd, "/"), func(b *testing.B) {
						// One warm-up turn: statement cache, page cache, and
						// whatever a first summary of the day writes.
						if err := s.Handle(ctx, bot.Message{ID: s.nextID(), Phone: s.owner, Text: cmd}); err != nil {
							b.Fatal(err)
						}
						b.ReportAllocs()
						b.ResetTimer()
						cpu0 := processCPU()
						for range b.N {
							if err := s.Handle(ctx, bot.Message{ID: s.nextID(), Phone: s.owner, Text: cmd}); err != nil {
								b.Fatal(err)
							}
						}
						cpu := processCPU() - cpu0
						b.StopTimer()
						b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
					})
				}
			})
		}
	}
}
