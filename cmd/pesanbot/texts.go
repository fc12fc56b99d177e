package main

import (
	"fmt"
	"strconv"

	"github.com/pesanbot/pesanbot/flows"
)

// cmdTexts lists every reply text key with its default text, written as
// YAML an owner can copy into shop.yaml under texts: and change.
func (e *environment) cmdTexts(args []string) error {
	fs, _ := e.flags("texts")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usagef("texts tidak menerima argumen; hasilnya bisa disalin ke shop.yaml di bawah texts:")
	}
	fmt.Fprintln(e.stdout, "# Teks balasan pesanbot dan teks bawaannya. Untuk mengubah, salin baris yang")
	fmt.Fprintln(e.stdout, "# perlu ke shop.yaml di bawah texts: lalu ganti teksnya; {nama} diisi otomatis.")
	fmt.Fprintln(e.stdout, "texts:")
	for _, k := range flows.TextKeys() {
		fmt.Fprintf(e.stdout, "  %s: %s\n", k, strconv.Quote(flows.DefaultTexts[k]))
	}
	return nil
}
