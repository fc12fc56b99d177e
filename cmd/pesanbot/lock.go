package main

import (
	"fmt"
	"strings"
)

// Two lock files guard a data directory:
//
//   - bot.lock, exclusive: a command that serves the directory (run, chat,
//     dashboard, simulate --data). Two bots on one WhatsApp session fight
//     (StreamReplaced), on one database they answer twice, and a dashboard
//     beside run would be a second writer of the same outbox.
//   - data.lock, shared by every command that changes the database, the
//     serving ones included, and taken exclusively by restore, which must
//     not move shop.db away under anyone.
//
// Read-only commands (orders, complaints, summary, export, backup) take
// neither: SQLite gives them a consistent view beside a running bot.
const (
	lockFile = "bot.lock"
	useFile  = "data.lock"
)

// lockNote says which command holds bot.lock and where it serves the
// dashboard; it is written into the file for the message another command
// shows.
type lockNote struct {
	Command   string // "run", "chat", "dashboard", "simulate", "restore"
	Dashboard string // the dashboard's address, "" when none
}

// lockedError is a data directory another pesanbot holds.
type lockedError struct {
	dir  string
	pid  string
	note lockNote
	use  bool // data.lock (a change in progress) rather than bot.lock
}

func (e *lockedError) Error() string {
	pid := ""
	if e.pid != "" {
		pid = " (pid " + e.pid + ")"
	}
	if e.use {
		return fmt.Sprintf("another pesanbot command is changing the data in %s%s; wait for it to finish (perintah pesanbot lain sedang mengubah data di folder ini; tunggu sampai selesai)", e.dir, pid)
	}
	what := ""
	if e.note.Command != "" {
		what = " (pesanbot " + e.note.Command + ")"
	}
	return fmt.Sprintf("another pesanbot is already running on %s%s%s; stop it first (pesanbot lain sedang berjalan di folder data ini; hentikan dulu)", e.dir, what, pid)
}

// formatNote is the content of a lock file: the pid on the first line (as
// before), then key=value lines.
func formatNote(pid int, n lockNote) string {
	s := fmt.Sprintf("%d\n", pid)
	if n.Command != "" {
		s += "command=" + n.Command + "\n"
	}
	if n.Dashboard != "" {
		s += "dashboard=" + n.Dashboard + "\n"
	}
	return s
}

// parseNote reads what formatNote wrote.
func parseNote(s string) (pid string, n lockNote) {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	pid = strings.TrimSpace(lines[0])
	for _, l := range lines[1:] {
		k, v, _ := strings.Cut(strings.TrimSpace(l), "=")
		switch k {
		case "command":
			n.Command = v
		case "dashboard":
			n.Dashboard = v
		}
	}
	return pid, n
}
