package main

import (
	"log/slog"
	"runtime/debug"
)

// defaultMemoryLimit is the Go runtime's soft memory limit for the
// long-running commands unless GOMEMLIMIT is set: an idle shop uses a
// tenth of it, so it never costs anything then; under a flood of messages
// or a large photo the collector works harder instead of letting the heap
// double past it. GOGC stays at its default (100): on an idle shop a
// lower value measured no smaller resident set.
const defaultMemoryLimit = 128 << 20

// tuneMemory applies defaultMemoryLimit unless the operator set
// GOMEMLIMIT (the runtime has read it already).
func tuneMemory(getenv func(string) string) {
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}

// releaseStartup runs once start-up is over: what start-up allocated and
// dropped (migrations, the catalogue, whatsmeow's first connection) is
// collected and the free pages go back to the operating system at once,
// rather than to the background scavenger over the next minutes; then the
// binary's pages that only start-up read are handed back (releaseCode).
// Both only lower what is resident: a failure changes nothing else, and is
// logged at debug level.
func releaseStartup(log *slog.Logger) {
	debug.FreeOSMemory()
	if err := releaseCode(); err != nil {
		log.Debug("start-up code pages not released", "err", err)
	}
}
