package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/store"
)

// Sweep runs every follow-up due now. Each runs in its own transaction that
// reads the row again, does the work, writes the outbox rows and marks the
// row done, so two sweeps racing or a crash in the middle never run one
// twice. Follow-ups for customers wait out the quiet hours; those that fell
// due too long ago (downtime) are not sent late but listed to the owner.
func (b *Bot) Sweep(ctx context.Context) error {
	if err := b.ensureDaily(ctx); err != nil {
		return err
	}
	var stale []flows.FollowUp
	var errs []error
	type key struct {
		kind          string
		subject, step int64
	}
	seen := map[key]bool{}
	for {
		due, err := b.db.DueFollowUps(ctx, b.now(), 100)
		if err != nil {
			return err
		}
		progressed := false
		for _, f := range due {
			k := key{f.Kind, f.Subject, int64(f.Step)}
			if seen[k] {
				continue
			}
			seen[k] = true
			progressed = true
			old, err := b.runFollowUp(ctx, f)
			if err != nil {
				b.log.Error("follow-up failed", "kind", f.Kind, "subject", f.Subject, "err", err)
				errs = append(errs, err)
				continue
			}
			if old != nil {
				stale = append(stale, *old)
			}
		}
		if !progressed {
			break
		}
	}
	if len(stale) > 0 {
		text := flows.StaleText(b.shop, stale, b.now())
		err := b.db.Update(ctx, func(tx *store.Tx) error {
			var replies []flows.Reply
			for _, o := range b.shop.Owners {
				replies = append(replies, flows.Reply{To: o, Text: text})
			}
			return b.commit(tx, outcome{replies: replies, source: "stale"})
		})
		errs = append(errs, err)
	}
	b.kick()
	return errors.Join(errs...)
}

// fetcher looks up what a follow-up needs from the network (rates, a
// waybill) before its transaction opens: no network call ever runs inside
// a store transaction. It never fails: a lookup error is carried in the
// result for the flow to fall back on.
type fetcher func(ctx context.Context, f flows.FollowUp) *flows.Fetched

// fetchTimeout bounds one lookup; the flow falls back when it passes.
const fetchTimeout = 8 * time.Second

// runFollowUp does one follow-up. It returns the row when it was too old to
// message the customer.
func (b *Bot) runFollowUp(ctx context.Context, due flows.FollowUp) (stale *flows.FollowUp, err error) {
	var fetched *flows.Fetched
	if fetch := b.fetchers[due.Kind]; fetch != nil {
		fctx, cancel := context.WithTimeout(ctx, fetchTimeout)
		fetched = fetch(fctx, due)
		cancel()
	}
	err = b.update(ctx, func(tx *store.Tx) error {
		stale = nil
		f, ok, err := tx.FollowUp(due)
		if err != nil || !ok {
			return err
		}
		f.Fetched = fetched
		now := tx.Now()
		if f.Kind != flows.FollowUpDailySummary && f.Kind != flows.FollowUpRetention && !flows.Immediate(f.Kind) && b.shop.Quiet(now) {
			return tx.PostponeFollowUp(f, b.shop.AfterQuiet(now))
		}
		var st *flows.State
		if flows.NeedsState(f.Kind) {
			s, err := tx.LoadState(f.Subject)
			if err != nil {
				return err
			}
			st = &s
		}
		if flows.OrderChatFollowUp(f.Kind) {
			// The question asked about an order goes into its buyer's chat.
			if o, ok := tx.Order(f.Subject); ok {
				s, err := tx.LoadState(o.CustomerID)
				if err != nil {
					return err
				}
				st = &s
			}
		}
		res := flows.RunFollowUp(b.shop, f, now, tx, st)
		replies := res.Replies
		if f.Kind == flows.FollowUpDailySummary {
			if line := b.backupLine(); line != "" {
				for i := range replies {
					replies[i].Text += "\n" + line
				}
			}
		}
		note := res.Note
		if flows.CustomerFacing(f.Kind) && b.shop.StaleAfter > 0 && now.Sub(f.DueAt) > b.shop.StaleAfter {
			// Too late to write to a customer: keep the effects (a lapsed
			// hold still frees its stock), tell only the staff.
			kept := replies[:0]
			for _, r := range replies {
				if b.shop.RoleOf(r.To) != "" {
					kept = append(kept, r)
				}
			}
			if len(kept) < len(replies) {
				stale = &f
				note += " (stale: customer not messaged)"
			}
			replies = kept
		}
		// Effects before the state (a lapsed hold frees its stock first); the
		// outbox rows do not depend on either.
		if err := b.commit(tx, outcome{effects: res.Effects, replies: replies, source: fmt.Sprintf("followup:%s:%d:%d", f.Kind, f.Subject, f.Step)}); err != nil {
			return err
		}
		if res.State != nil && !(stale != nil && flows.OrderChatFollowUp(f.Kind)) {
			// (A question not sent for being stale is not remembered as asked.)
			whose := f.Subject
			if res.StateCustomer != 0 {
				whose = res.StateCustomer
			}
			if err := tx.SaveState(whose, *res.State); err != nil {
				return err
			}
		}
		return tx.FinishFollowUp(f, note)
	})
	if err != nil {
		return nil, fmt.Errorf("failed to run follow-up %s of %d: %w", due.Kind, due.Subject, err)
	}
	return stale, nil
}

// ensureDaily adds today's summary row once its time has come, and the
// day's retention run (at 03:00, shop zone).
func (b *Bot) ensureDaily(ctx context.Context) error {
	now := b.now()
	if subject, due, ok := flows.DailySummaryDue(b.shop, now); ok && !now.Before(due) {
		if err := b.db.EnsureFollowUp(ctx, flows.FollowUpDailySummary, subject, due); err != nil {
			return err
		}
	}
	lt := now.In(b.shop.Location)
	if lt.Hour() >= 3 {
		day := int64(lt.Year()*10000 + int(lt.Month())*100 + lt.Day())
		due := time.Date(lt.Year(), lt.Month(), lt.Day(), 3, 0, 0, 0, b.shop.Location)
		return b.db.EnsureFollowUp(ctx, flows.FollowUpRetention, day, due)
	}
	return nil
}

// nextDaily is the next time the daily summary falls due after now.
func (b *Bot) nextDaily(now time.Time) (time.Time, bool) {
	_, due, ok := flows.DailySummaryDue(b.shop, now)
	if !ok {
		return time.Time{}, false
	}
	if !due.After(now) {
		_, due, _ = flows.DailySummaryDue(b.shop, now.In(b.shop.Location).AddDate(0, 0, 1))
	}
	return due, true
}

// cronLogger adapts slog to cron's logger.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}

// newCron builds the scheduler: the shop's zone, and a panicking job is
// recovered and logged instead of killing the process.
func newCron(loc *time.Location, log *slog.Logger) *cron.Cron {
	l := cronLogger{log}
	return cron.New(cron.WithLocation(loc), cron.WithLogger(l), cron.WithChain(cron.Recover(l)))
}

// StartSchedule runs the sweep now and then every minute, and at the daily
// summary time, until ctx ends. Timers only wake the sweep; the schedule
// itself lives in shop.db.
func (b *Bot) StartSchedule(ctx context.Context) error {
	c := newCron(b.shop.Location, b.log)
	sweep := func() {
		if err := b.Sweep(ctx); err != nil && ctx.Err() == nil {
			b.log.Error("sweep failed", "err", err)
		}
	}
	if _, err := c.AddFunc("* * * * *", sweep); err != nil {
		return fmt.Errorf("failed to schedule the sweep: %w", err)
	}
	if b.shop.SummaryAt >= 0 {
		spec := fmt.Sprintf("%d %d * * *", int(b.shop.SummaryAt.Minutes())%60, int(b.shop.SummaryAt.Hours()))
		if _, err := c.AddFunc(spec, sweep); err != nil {
			return fmt.Errorf("failed to schedule the daily summary: %w", err)
		}
	}
	// The summaries' rollups catch up at start (an upgraded shop.db rolls
	// its history up here, not in the owner's first summary) and as each
	// day closes.
	rollUp := func() {
		if err := b.db.RollUp(ctx); err != nil && ctx.Err() == nil {
			b.log.Error("summary rollup failed", "err", err)
		}
	}
	if _, err := c.AddFunc("1 0 * * *", rollUp); err != nil {
		return fmt.Errorf("failed to schedule the summary rollup: %w", err)
	}
	b.sched.Go(rollUp)
	if b.dataDir != "" {
		if _, err := c.AddFunc("0 2 * * *", func() { b.nightlyBackup(ctx) }); err != nil {
			return fmt.Errorf("failed to schedule the backup: %w", err)
		}
		// Missed while down: catch up once at start, unless nothing was
		// ever written (a fresh data directory has nothing to lose, and an
		// idle start stays small); the night's run makes the first one.
		if at, _, ok := store.LastBackup(b.backupsDir()); !ok || b.now().Sub(at) > 26*time.Hour {
			if untouched, err := b.db.Untouched(ctx); err != nil || !untouched {
				b.sched.Go(func() { b.nightlyBackup(ctx) })
			}
		}
	}
	sweep()
	c.Start()
	b.sched.Go(func() {
		<-ctx.Done()
		<-c.Stop().Done()
	})
	return nil
}

// WaitSchedule waits, once the context given to StartSchedule has ended,
// until the schedule has stopped: a sweep or a backup under way has
// finished or been cancelled, its temporary files removed. Call it before
// closing the database.
func (b *Bot) WaitSchedule() { b.sched.Wait() }

func (b *Bot) backupsDir() string { return filepath.Join(b.dataDir, store.BackupsDir) }

// nightlyBackup writes the day's backup; a failure is logged and told to
// the owner, and never replaces a good backup.
func (b *Bot) nightlyBackup(ctx context.Context) {
	path, err := b.db.NightlyBackup(ctx, b.backupsDir(), b.now(), b.shop.Location)
	if err != nil && ctx.Err() != nil {
		// Stopping: the half-made copy is removed, the last good one kept.
		b.log.Info("backup cancelled: pesanbot is stopping")
		return
	}
	if err != nil {
		b.log.Error("nightly backup failed", "err", err)
		_ = b.db.Update(ctx, func(tx *store.Tx) error {
			var replies []flows.Reply
			for _, o := range b.shop.Owners {
				replies = append(replies, flows.Reply{To: o, Text: b.shop.Text("owner_backup_failed")})
			}
			return b.commit(tx, outcome{replies: replies, source: "backup"})
		})
		b.kick()
		return
	}
	b.log.Info("nightly backup written", "path", path)
	// A backup reads the whole database once: give the memory it took
	// back to the system now, not minutes later, so an idle shop stays small.
	debug.FreeOSMemory()
}

// backupLine says when the last good backup was made, for the daily summary.
func (b *Bot) backupLine() string {
	if b.dataDir == "" {
		return ""
	}
	at, _, ok := store.LastBackup(b.backupsDir())
	if !ok {
		return b.shop.Text("summary_no_backup")
	}
	return b.shop.Text("summary_backup", "when", b.shop.When(b.now(), at))
}
