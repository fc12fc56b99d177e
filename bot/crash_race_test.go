//go:build race

package bot

func init() { crashRace = true }
