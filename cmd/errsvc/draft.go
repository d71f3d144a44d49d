package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"time"

	"github.com/errsvc/errsvc/catalog"
	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
	"github.com/errsvc/errsvc/internal/unmatched"
)

// catalogDraft writes catalog YAML for the errors a running errsvc, or a
// recording, did not understand: one shadow entry per signature, with the
// answer errsvc inferred and the sample as its example, and FILL_IN where a
// person must write.
func catalogDraft(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("catalog draft", stderr)
	addr := fs.String("addr", "", "operations address of a running errsvc to read the unmatched report from")
	useTLS := fs.Bool("tls", false, "call the operations port over https")
	from := fs.String("from", "", "a recording to draft from instead: JSON Lines of ClassifyRequest, or a .har file")
	input := fs.String("input", "", "the recording's format: jsonl or har (default: har for *.har)")
	provider := fs.String("provider", "", "provider id for signatures that name none; also keeps only this provider's")
	dir := fs.String("catalog-dir", "", "the catalog directory the drafted files will overlay, if any")
	out := fs.String("out", "", "write one file per provider into this directory (default: print them)")
	tf := clientTLSFlags(fs)
	if err := parse(fs, args); err != nil {
		return exitUsage, err
	}
	if fs.NArg() != 0 || (*addr == "") == (*from == "") || (*input != "" && *input != "jsonl" && *input != "har") {
		fmt.Fprintln(stderr, "usage: errsvc catalog draft (--addr HOST:PORT | --from FILE) [--provider ID] [--catalog-dir DIR] [--out DIR]")
		return exitUsage, errUsage
	}
	cat, err := validCatalog(*dir, stderr)
	if err != nil {
		return exitFailure, err
	}
	var report *errsvcv1.ListUnmatchedResponse
	origin := *from
	if *addr != "" {
		origin = "the unmatched report of " + *addr
		client, err := tf.client()
		if err != nil {
			return exitFailure, err
		}
		if report, err = fetchUnmatched(client, *addr, *useTLS, "", 0); err != nil {
			return exitFailure, err
		}
	} else {
		c := newCoverage(cat, *provider)
		if err := c.read(*from, *input); err != nil {
			return exitFailure, err
		}
		report = c.tracker.Report("", 0)
	}
	files, skipped := draftFiles(cat, *dir, report.GetSignatures(), *provider, origin)
	if len(files) == 0 {
		fmt.Fprintf(stderr, "nothing to draft: %d signatures, %d without a provider id (pass --provider)\n", len(report.GetSignatures()), skipped)
		return exitOK, nil
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if *out == "" {
			fmt.Fprintf(stdout, "# ==== %s\n%s\n", n, files[n])
			continue
		}
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return exitFailure, err
		}
		if err := os.WriteFile(filepath.Join(*out, n), files[n], 0o644); err != nil {
			return exitFailure, err
		}
		fmt.Fprintf(stderr, "wrote %s\n", filepath.Join(*out, n))
	}
	if skipped > 0 {
		fmt.Fprintf(stderr, "%d signatures named no provider and were left out (pass --provider)\n", skipped)
	}
	fmt.Fprintf(stderr, "Fill every %s, check each classification against the provider's documentation, then run\n"+
		"errsvc catalog check DIR and errsvc catalog test DIR.\n", catalog.FillIn)
	return exitOK, nil
}

// draftFiles returns the text of one catalog file per provider: for a
// provider the catalog has, its current file with the drafted entries added
// at the end (the file overlays the embedded one of the same name); for one
// it lacks, a new file whose provider block is to be filled in.
func draftFiles(cat *catalog.Catalog, dir string, sigs []*errsvcv1.UnmatchedSignature, only, origin string) (map[string][]byte, int) {
	byProvider := map[string][]*errsvcv1.UnmatchedSignature{}
	skipped := 0
	for _, s := range sigs {
		id := unmatched.DraftProvider(s)
		if id == "" {
			id = only
		}
		if p, ok := cat.Provider(id); ok {
			id = p.Proto.GetId()
		}
		if id == "" || !providerIDRe.MatchString(id) || (only != "" && id != only) {
			skipped++
			continue
		}
		byProvider[id] = append(byProvider[id], s)
	}
	files := map[string][]byte{}
	for id, sigs := range byProvider {
		var b bytes.Buffer
		name := id + ".yaml"
		used := map[string]bool{}
		if p, ok := cat.Provider(id); ok {
			name = p.File
			b.Write(currentFile(dir, name))
			if !bytes.HasSuffix(b.Bytes(), []byte("\n")) {
				b.WriteByte('\n')
			}
			for _, e := range p.Entries {
				used[e.Proto.GetId()] = true
			}
			fmt.Fprintf(&b, "\n  # ---- Drafted by errsvc catalog draft on %s from %s.\n", time.Now().UTC().Format(time.DateOnly), origin)
		} else {
			fmt.Fprintf(&b, "# Drafted by errsvc catalog draft on %s from %s.\n", time.Now().UTC().Format(time.DateOnly), origin)
			fmt.Fprintf(&b, "# Fill every %s, check each entry against the provider's documentation,\n", catalog.FillIn)
			fmt.Fprintf(&b, "# and run errsvc catalog check and errsvc catalog test on this directory.\n")
			fmt.Fprintf(&b, "provider:\n  id: %s\n  name: %s the provider's name\n  kind: PROVIDER\n", id, catalog.FillIn)
			fmt.Fprintf(&b, "  documentation_url: %s the address of its error documentation\n", catalog.FillIn)
			fmt.Fprintf(&b, "  description: %s how the provider reports errors, in your own words\n", catalog.FillIn)
			fmt.Fprintf(&b, "  builds_on: [rfc6749, rfc6750, oidc-core]   # CHECK: the standards it follows\n\nentries:\n")
		}
		for _, s := range sigs {
			unmatched.DraftEntry(&b, id, s, used)
		}
		files[name] = b.Bytes()
	}
	return files, skipped
}

var providerIDRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// currentFile is the text of a catalog file: the overlay's when dir has
// it, else the embedded one.
func currentFile(dir, name string) []byte {
	if dir != "" {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			return b
		}
	}
	b, _ := catalog.EmbeddedFile(name)
	return b
}
