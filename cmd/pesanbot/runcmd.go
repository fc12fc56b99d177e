package main

import "errors"

func (e *environment) cmdRun(args []string) error {
	fs, _ := e.flags("run")
	fs.String("pair-phone", "", "pair with a code instead of a QR")
	fs.String("http", "127.0.0.1:8080", "dashboard address")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	return errors.New("the WhatsApp connection is not in this build yet; try the bot offline with 'pesanbot chat' or 'pesanbot simulate FILE'")
}
