package whatsapp

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"regexp"
	"strings"

	"github.com/rs/zerolog"
	waLog "go.mau.fi/whatsmeow/util/log"
)

// waSlog adapts whatsmeow's logger to slog. whatsmeow's errors and
// warnings go out at their level with long digit runs (phone numbers,
// LIDs) masked; its info and debug lines (every XML node, with JIDs and
// push names) only at debug level, where personal data is allowed.
type waSlog struct{ l *slog.Logger }

var _ waLog.Logger = waSlog{}

func newWALogger(l *slog.Logger) waLog.Logger { return waSlog{l.With("module", "whatsmeow")} }

func (w waSlog) Errorf(msg string, args ...any) { w.log(slog.LevelError, msg, args) }
func (w waSlog) Warnf(msg string, args ...any)  { w.log(slog.LevelWarn, msg, args) }
func (w waSlog) Infof(msg string, args ...any)  { w.log(slog.LevelDebug, msg, args) }
func (w waSlog) Debugf(msg string, args ...any) { w.log(slog.LevelDebug, msg, args) }

func (w waSlog) Sub(module string) waLog.Logger {
	return waSlog{w.l.With("sub", module)}
}

func (w waSlog) log(level slog.Level, msg string, args []any) {
	ctx := context.Background()
	if !w.l.Enabled(ctx, level) {
		return
	}
	text := fmt.Sprintf(msg, args...)
	if level > slog.LevelDebug {
		text = maskDigits(text)
	}
	w.l.Log(ctx, level, text)
}

var longDigits = regexp.MustCompile(`[0-9]{7,}`)

// maskDigits hides phone numbers and LIDs in a log line, keeping the last
// three digits to tell them apart.
func maskDigits(s string) string {
	return longDigits.ReplaceAllStringFunc(s, func(d string) string {
		return "***" + d[len(d)-3:]
	})
}

// zerologBridge carries the lines whatsmeow logs through zerolog.Ctx(ctx)
// (a second log path, some of them errors) into slog at warn and above.
type zerologBridge struct{ l *slog.Logger }

func newZerolog(l *slog.Logger) zerolog.Logger {
	return zerolog.New(zerologBridge{l.With("module", "whatsmeow")}).Level(zerolog.WarnLevel)
}

func (z zerologBridge) Write(p []byte) (int, error) {
	var rec map[string]any
	if err := json.Unmarshal(p, &rec); err != nil {
		z.l.Warn(maskDigits(strings.TrimSpace(string(p))))
		return len(p), nil
	}
	level := slog.LevelWarn
	if lv, _ := rec["level"].(string); lv == "error" || lv == "fatal" || lv == "panic" {
		level = slog.LevelError
	}
	msg, _ := rec["message"].(string)
	var attrs []any
	if e, ok := rec["error"].(string); ok {
		attrs = append(attrs, "err", maskDigits(e))
	}
	z.l.Log(context.Background(), level, maskDigits(msg), attrs...)
	return len(p), nil
}
