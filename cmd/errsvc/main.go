// Command errsvc normalizes raw upstream errors: it serves gRPC and REST
// (`errsvc serve`, the default), classifies one error from the command line
// (`errsvc classify`), and checks and tests catalogs (`errsvc catalog`).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code, err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "errsvc:", err)
	}
	os.Exit(code)
}
