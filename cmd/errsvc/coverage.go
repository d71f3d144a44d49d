package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"google.golang.org/protobuf/encoding/protojson"

	"github.com/errsvc/errsvc/catalog"
	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
	"github.com/errsvc/errsvc/internal/engine"
	"github.com/errsvc/errsvc/internal/unmatched"
)

// maxRecording bounds a recording file; maxRecordLine one JSON line of it.
const (
	maxRecording  = 512 << 20
	maxRecordLine = 8 << 20
)

// coverageReport is what errsvc catalog coverage prints.
type coverageReport struct {
	CatalogVersion string `json:"catalog_version"`
	Responses      int    `json:"responses"`
	// Understood are the responses an entry of the catalog named: those the
	// unmatched report of a running errsvc would not list.
	Understood int `json:"understood"`
	// Skipped are the records that were not an error response (HAR entries
	// with a 1xx-3xx status and no error= redirect) or could not be read.
	Skipped   int                 `json:"skipped"`
	Invalid   []string            `json:"invalid,omitempty"`
	Providers []*providerCoverage `json:"providers"`
	// NotUnderstood are the most frequent signatures no entry named.
	NotUnderstood []notUnderstood `json:"not_understood"`
}

type providerCoverage struct {
	Provider string `json:"provider"`
	// ByKind counts the responses by match kind (PROVIDER_ENTRY, STANDARD,
	// INFERRED, ...).
	ByKind     map[string]int `json:"by_kind"`
	Responses  int            `json:"responses"`
	Understood int            `json:"understood"`
}

type notUnderstood struct {
	Provider   string `json:"provider"`
	HTTPStatus int32  `json:"http_status"`
	Code       string `json:"upstream_code"`
	MatchKind  string `json:"match_kind"`
	Category   string `json:"category"`
	Action     string `json:"action"`
	Count      int64  `json:"count"`
}

// catalogCoverage replays recorded responses through the catalog.
func catalogCoverage(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("catalog coverage", stderr)
	format := fs.String("format", "text", "output format: text or json")
	dir := fs.String("catalog-dir", "", "overlay this catalog directory on the embedded catalog")
	provider := fs.String("provider", "", "provider id for records that name none (HAR entries never do)")
	input := fs.String("input", "", "jsonl (ClassifyRequest per line) or har; default: har for *.har, else jsonl")
	top := fs.Int("top", 20, "how many codes not understood to list")
	if err := parse(fs, args); err != nil {
		return exitUsage, err
	}
	if fs.NArg() != 1 || (*format != "text" && *format != "json") || (*input != "" && *input != "jsonl" && *input != "har") {
		fmt.Fprintln(stderr, "usage: errsvc catalog coverage [--format text|json] [--provider ID] [--input jsonl|har] [--catalog-dir DIR] FILE")
		return exitUsage, errUsage
	}
	cat, err := validCatalog(*dir, stderr)
	if err != nil {
		return exitFailure, err
	}
	c := newCoverage(cat, *provider)
	if err := c.read(fs.Arg(0), *input); err != nil {
		return exitFailure, err
	}
	r := c.report(*top)
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return exitOK, enc.Encode(r)
	}
	printCoverage(stdout, r)
	return exitOK, nil
}

type coverage struct {
	cat       *catalog.Catalog
	provider  string
	scratch   engine.Scratch
	tracker   *unmatched.Tracker
	r         coverageReport
	providers map[string]*providerCoverage
}

func newCoverage(cat *catalog.Catalog, provider string) *coverage {
	return &coverage{cat: cat, provider: provider, tracker: unmatched.New(10000, nil),
		providers: map[string]*providerCoverage{}, r: coverageReport{CatalogVersion: cat.Version}}
}

func (c *coverage) invalid(where string, err error) {
	c.r.Skipped++
	if len(c.r.Invalid) < 20 {
		c.r.Invalid = append(c.r.Invalid, where+": "+engine.Sanitize(err.Error(), 200))
	}
}

// read replays a recording: input is "har", "jsonl", or "" to decide by
// the file's extension.
func (c *coverage) read(file, input string) error {
	if input == "" {
		input = "jsonl"
		if strings.EqualFold(filepath.Ext(file), ".har") {
			input = "har"
		}
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	if input == "har" {
		err = c.readHAR(io.LimitReader(f, maxRecording))
	} else {
		err = c.readJSONL(f)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}

// add classifies one recorded response.
func (c *coverage) add(where string, req *errsvcv1.ClassifyRequest) {
	if req.GetProvider() == "" {
		req.Provider = c.provider
	}
	resp, res, err := engine.Answer(c.cat, req, &engine.DefaultLimits, &c.scratch)
	if err != nil {
		c.invalid(where, err)
		return
	}
	c.tracker.Observe(req, &res, resp)
	name := unmatched.UnknownProvider
	if res.Named != nil {
		name = res.Named.Proto.GetId()
	}
	p := c.providers[name]
	if p == nil {
		p = &providerCoverage{Provider: name, ByKind: map[string]int{}}
		c.providers[name] = p
	}
	kind := strings.TrimPrefix(res.Kind.String(), "MATCH_KIND_")
	p.ByKind[kind]++
	p.Responses++
	c.r.Responses++
	if !unmatched.Reported(&res, resp) {
		p.Understood++
		c.r.Understood++
	}
}

// readJSONL reads one ClassifyRequest per line, in protojson.
func (c *coverage) readJSONL(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxRecordLine)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		req := &errsvcv1.ClassifyRequest{}
		if err := protojson.Unmarshal(line, req); err != nil {
			c.invalid(fmt.Sprintf("line %d", n), err)
			continue
		}
		c.add(fmt.Sprintf("line %d", n), req)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading lines: %w (a line may be at most %d MiB)", err, maxRecordLine>>20)
	}
	return nil
}

// har is the part of an HTTP Archive (HAR 1.2) that coverage reads.
type har struct {
	Log struct {
		Version string `json:"version"`
		Entries []struct {
			Request struct {
				URL string `json:"url"`
			} `json:"request"`
			Response struct {
				Status  int `json:"status"`
				Headers []struct {
					Name  string `json:"name"`
					Value string `json:"value"`
				} `json:"headers"`
				Content struct {
					Text     string `json:"text"`
					Encoding string `json:"encoding"`
				} `json:"content"`
				RedirectURL string `json:"redirectURL"`
			} `json:"response"`
		} `json:"entries"`
	} `json:"log"`
}

// readHAR reads the error responses of an HTTP Archive: statuses of 400 and
// above, and redirects whose Location carries error=.
func (c *coverage) readHAR(r io.Reader) error {
	var h har
	if err := json.NewDecoder(r).Decode(&h); err != nil {
		return fmt.Errorf("not a HAR file: %w", err)
	}
	if h.Log.Version == "" && h.Log.Entries == nil {
		return errors.New("not a HAR file: no log.entries")
	}
	for i, e := range h.Log.Entries {
		where := fmt.Sprintf("entry %d", i)
		resp := e.Response
		if resp.Status < 100 || resp.Status > 599 {
			c.invalid(where, fmt.Errorf("status %d", resp.Status))
			continue
		}
		req := &errsvcv1.ClassifyRequest{HttpStatus: int32(resp.Status), Headers: map[string]string{}}
		location := resp.RedirectURL
		for _, hd := range resp.Headers {
			name := strings.ToLower(hd.Name)
			if old, ok := req.Headers[name]; ok {
				req.Headers[name] = old + ", " + hd.Value
			} else {
				req.Headers[name] = hd.Value
			}
			if name == "location" && location == "" {
				location = hd.Value
			}
		}
		isRedirectError := resp.Status >= 300 && resp.Status < 400 && strings.Contains(location, "error=")
		if resp.Status < 400 && !isRedirectError {
			c.r.Skipped++
			continue
		}
		if isRedirectError {
			req.RedirectUri = location
		}
		if resp.Content.Encoding == "base64" {
			b, err := base64.StdEncoding.DecodeString(resp.Content.Text)
			if err != nil {
				c.invalid(where, fmt.Errorf("content: %w", err))
				continue
			}
			req.BodyBytes = b
		} else {
			req.Body = resp.Content.Text
		}
		c.add(where, req)
	}
	return nil
}

func (c *coverage) report(top int) *coverageReport {
	r := c.r
	for _, p := range c.providers {
		r.Providers = append(r.Providers, p)
	}
	sort.Slice(r.Providers, func(i, j int) bool {
		a, b := r.Providers[i], r.Providers[j]
		if a.Responses != b.Responses {
			return a.Responses > b.Responses
		}
		return a.Provider < b.Provider
	})
	r.NotUnderstood = []notUnderstood{}
	for _, s := range c.tracker.Report("", top).GetSignatures() {
		r.NotUnderstood = append(r.NotUnderstood, notUnderstood{
			Provider: s.GetProvider(), HTTPStatus: s.GetHttpStatus(), Code: s.GetUpstreamCode(),
			MatchKind: strings.TrimPrefix(s.GetMatchKind().String(), "MATCH_KIND_"),
			Category:  strings.TrimPrefix(s.GetClassification().GetCategory().String(), "CATEGORY_"),
			Action:    strings.TrimPrefix(s.GetClassification().GetAction().String(), "ACTION_"),
			Count:     s.GetCount(),
		})
	}
	return &r
}

// coverageKinds are the table's columns, in the order answers are reached.
var coverageKinds = []string{"PROVIDER_ENTRY", "PROVIDER_ALIAS", "STANDARD", "INFERRED", "HTTP_STATUS", "NONE"}

func printCoverage(w io.Writer, r *coverageReport) {
	fmt.Fprintf(w, "catalog %s: %d error responses, %s named by a catalog entry; %d records skipped\n\n",
		r.CatalogVersion, r.Responses, share(r.Understood, r.Responses), r.Skipped)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "provider\tresponses\t")
	for _, k := range coverageKinds {
		fmt.Fprintf(tw, "%s\t", strings.ToLower(k))
	}
	fmt.Fprintln(tw, "understood\t")
	for _, p := range r.Providers {
		fmt.Fprintf(tw, "%s\t%d\t", p.Provider, p.Responses)
		for _, k := range coverageKinds {
			fmt.Fprintf(tw, "%d\t", p.ByKind[k])
		}
		fmt.Fprintf(tw, "%s\t\n", share(p.Understood, p.Responses))
	}
	tw.Flush()
	if len(r.NotUnderstood) > 0 {
		fmt.Fprintf(w, "\nMost frequent errors no entry names:\n")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "COUNT\tPROVIDER\tSTATUS\tCODE\tMATCH\tANSWER")
		for _, n := range r.NotUnderstood {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s / %s\n", n.Count, n.Provider, dash(fmt.Sprint(n.HTTPStatus)), dash(n.Code),
				n.MatchKind, n.Category, n.Action)
		}
		tw.Flush()
	}
	for _, s := range r.Invalid {
		fmt.Fprintf(w, "skipped %s\n", s)
	}
}
