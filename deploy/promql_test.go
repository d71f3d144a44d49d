package deploy_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	sigsyaml "sigs.k8s.io/yaml"
)

// This file checks that the dashboard, the recording rules and the alerts
// only query what errsvc exports (testdata/exported_metrics.txt): a renamed
// metric or label, or a typo in a query, would otherwise show up only as an
// empty panel or an alert that can never fire. It uses a small PromQL lexer
// rather than Prometheus's parser, whose module would pull in most of
// Prometheus; `promtool check rules` covers the full syntax of the rules.

const (
	exportedMetricsFile = "testdata/exported_metrics.txt"
	labelValuesFile     = "testdata/label_values.txt"
	rulesFile           = "prometheus/errsvc.rules.yml"
	alertsFile          = "prometheus/errsvc.alerts.yml"
	dashboardFile       = "grafana/errsvc-dashboard.json"
)

// targetLabels are added by Prometheus or the Prometheus Operator to every
// scraped series, so queries may group and filter by them.
var targetLabels = []string{"job", "instance", "namespace", "pod", "service", "container", "endpoint"}

type metricInfo struct {
	typ    string
	labels []string
}

func loadExportedMetrics(t *testing.T) map[string]metricInfo {
	t.Helper()
	f, err := os.Open(exportedMetricsFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	metrics := map[string]metricInfo{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 3 {
			t.Fatalf("%s:%d: want NAME TYPE LABELS, got %q", exportedMetricsFile, n, line)
		}
		var labels []string
		if fields[2] != "-" {
			labels = strings.Split(fields[2], ",")
		}
		if _, dup := metrics[fields[0]]; dup {
			t.Fatalf("%s:%d: %s listed twice", exportedMetricsFile, n, fields[0])
		}
		metrics[fields[0]] = metricInfo{typ: fields[1], labels: labels}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return metrics
}

func loadLabelValues(t *testing.T) map[string][]string {
	t.Helper()
	data, err := os.ReadFile(labelValuesFile)
	if err != nil {
		t.Fatal(err)
	}
	values := map[string][]string{}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		values[fields[0]] = fields[1:]
	}
	return values
}

// ruleFile is Prometheus's rule file format, decoded strictly so that a
// misspelled key such as "anotations" fails the test instead of vanishing.
type ruleFile struct {
	Groups []struct {
		Name     string `json:"name"`
		Interval string `json:"interval,omitempty"`
		Rules    []struct {
			Record        string            `json:"record,omitempty"`
			Alert         string            `json:"alert,omitempty"`
			Expr          string            `json:"expr"`
			For           string            `json:"for,omitempty"`
			KeepFiringFor string            `json:"keep_firing_for,omitempty"`
			Labels        map[string]string `json:"labels,omitempty"`
			Annotations   map[string]string `json:"annotations,omitempty"`
		} `json:"rules"`
	} `json:"groups"`
}

func loadRules(t *testing.T, path string) ruleFile {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rf ruleFile
	if err := sigsyaml.UnmarshalStrict(data, &rf); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rf
}

// query is one PromQL expression found in a file, with where it was found.
type query struct {
	where  string
	expr   string
	legend string // Grafana's legendFormat, if any
}

// ruleQueries returns the expressions of every rule, and the series the
// recording rules define with the labels each keeps (its "by" clause).
func ruleQueries(t *testing.T) (queries []query, recorded map[string][]string) {
	t.Helper()
	recorded = map[string][]string{}
	for _, path := range []string{rulesFile, alertsFile} {
		for _, g := range loadRules(t, path).Groups {
			for _, r := range g.Rules {
				name := r.Record + r.Alert
				if r.Record != "" {
					a, err := analyze(r.Expr)
					if err != nil {
						t.Fatalf("%s %s: %v", path, r.Record, err)
					}
					slices.Sort(a.grouping)
					recorded[r.Record] = slices.Compact(a.grouping)
				}
				queries = append(queries, query{where: fmt.Sprintf("%s %s", path, name), expr: r.Expr})
			}
		}
	}
	return queries, recorded
}

// dashboard is the part of the Grafana dashboard model the tests read.
type dashboard struct {
	UID           string  `json:"uid"`
	Title         string  `json:"title"`
	SchemaVersion int     `json:"schemaVersion"`
	Panels        []panel `json:"panels"`
	Templating    struct {
		List []struct {
			Name       string          `json:"name"`
			Type       string          `json:"type"`
			Definition string          `json:"definition"`
			Query      json.RawMessage `json:"query"`
			Datasource json.RawMessage `json:"datasource"`
		} `json:"list"`
	} `json:"templating"`
}

type panel struct {
	ID         int             `json:"id"`
	Type       string          `json:"type"`
	Title      string          `json:"title"`
	Datasource json.RawMessage `json:"datasource"`
	GridPos    struct {
		H, W, X, Y int
	} `json:"gridPos"`
	Targets []struct {
		RefID        string          `json:"refId"`
		Expr         string          `json:"expr"`
		LegendFormat string          `json:"legendFormat"`
		Datasource   json.RawMessage `json:"datasource"`
	} `json:"targets"`
	Panels []panel `json:"panels"` // the panels of a collapsed row
}

func loadDashboard(t *testing.T) dashboard {
	t.Helper()
	data, err := os.ReadFile(dashboardFile)
	if err != nil {
		t.Fatal(err)
	}
	var d dashboard
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatalf("%s: %v", dashboardFile, err)
	}
	return d
}

func flattenPanels(ps []panel) []panel {
	var out []panel
	for _, p := range ps {
		out = append(out, p)
		out = append(out, flattenPanels(p.Panels)...)
	}
	return out
}

// labelValuesRe matches Grafana's label_values(QUERY, LABEL) and
// label_values(LABEL) variable queries.
var labelValuesRe = regexp.MustCompile(`^\s*label_values\(\s*(?:(.*),)?\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$`)

func dashboardQueries(t *testing.T, d dashboard) []query {
	t.Helper()
	var queries []query
	for _, p := range flattenPanels(d.Panels) {
		for _, tg := range p.Targets {
			queries = append(queries, query{where: fmt.Sprintf("panel %d %q target %s", p.ID, p.Title, tg.RefID), expr: tg.Expr, legend: tg.LegendFormat})
		}
	}
	for _, v := range d.Templating.List {
		if v.Type != "query" {
			continue
		}
		q := variableQuery(t, v.Query, v.Definition)
		m := labelValuesRe.FindStringSubmatch(q)
		if m == nil {
			t.Errorf("variable %s: query %q is not label_values(...)", v.Name, q)
			continue
		}
		// The label becomes a "by" clause so the label check covers it.
		expr := m[1]
		if expr == "" {
			t.Errorf("variable %s: label_values without a metric scans every series; name the metric", v.Name)
			continue
		}
		queries = append(queries, query{where: "variable " + v.Name, expr: fmt.Sprintf("count by (%s) (%s)", m[2], expr)})
	}
	return queries
}

// variableQuery returns a variable's query string, which Grafana stores
// either as a plain string or as an object with a "query" field.
func variableQuery(t *testing.T, raw json.RawMessage, definition string) string {
	t.Helper()
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var o struct {
		Query string `json:"query"`
	}
	if err := json.Unmarshal(raw, &o); err != nil {
		t.Fatalf("variable query %s: %v", raw, err)
	}
	if definition != "" && definition != o.Query {
		t.Errorf("variable definition %q differs from its query %q", definition, o.Query)
	}
	return o.Query
}

// ---- A PromQL lexer, just enough to find metric names and labels. ----

type tokKind int

const (
	tIdent tokKind = iota
	tString
	tNumber
	tVar // a Grafana variable such as $provider or $__rate_interval
	tPunct
)

type token struct {
	kind tokKind
	text string
}

func lex(s string) ([]token, error) {
	var toks []token
	rs := []rune(s)
	isIdentStart := func(r rune) bool { return r == '_' || r == ':' || unicode.IsLetter(r) }
	isIdent := func(r rune) bool { return isIdentStart(r) || unicode.IsDigit(r) }
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '#':
			for i < len(rs) && rs[i] != '\n' {
				i++
			}
		case r == '$':
			j := i + 1
			if j < len(rs) && rs[j] == '{' {
				for j < len(rs) && rs[j] != '}' {
					j++
				}
				j++
			} else {
				for j < len(rs) && isIdent(rs[j]) && rs[j] != ':' {
					j++
				}
			}
			toks = append(toks, token{tVar, string(rs[i:min(j, len(rs))])})
			i = j
		case isIdentStart(r):
			j := i
			for j < len(rs) && isIdent(rs[j]) {
				j++
			}
			toks = append(toks, token{tIdent, string(rs[i:j])})
			i = j
		case unicode.IsDigit(r) || (r == '.' && i+1 < len(rs) && unicode.IsDigit(rs[i+1])):
			j := i
			for j < len(rs) && (isIdent(rs[j]) || rs[j] == '.') && rs[j] != ':' {
				j++
			}
			toks = append(toks, token{tNumber, string(rs[i:j])})
			i = j
		case r == '"' || r == '\'' || r == '`':
			j := i + 1
			var b strings.Builder
			for ; j < len(rs) && rs[j] != r; j++ {
				if rs[j] == '\\' && r != '`' && j+1 < len(rs) {
					j++
				}
				b.WriteRune(rs[j])
			}
			if j >= len(rs) {
				return nil, fmt.Errorf("unterminated string at %d", i)
			}
			toks = append(toks, token{tString, b.String()})
			i = j + 1
		default:
			op := string(r)
			if i+1 < len(rs) {
				if two := string(rs[i : i+2]); slices.Contains([]string{"=~", "!~", "!=", "==", ">=", "<="}, two) {
					op = two
				}
			}
			if !strings.Contains("(){}[],=~!<>+-*/%^@", string(r)) {
				return nil, fmt.Errorf("unexpected character %q at %d", r, i)
			}
			toks = append(toks, token{tPunct, op})
			i += len([]rune(op))
		}
	}
	return toks, nil
}

var (
	aggregators = []string{"sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio"}
	functions   = []string{
		"abs", "absent", "absent_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "avg_over_time",
		"ceil", "changes", "clamp", "clamp_max", "clamp_min", "cos", "cosh", "count_over_time", "day_of_month",
		"day_of_week", "day_of_year", "days_in_month", "deg", "delta", "deriv", "exp", "floor", "histogram_avg",
		"histogram_count", "histogram_fraction", "histogram_quantile", "histogram_stddev", "histogram_stdvar",
		"histogram_sum", "holt_winters", "hour", "idelta", "increase", "irate", "label_join", "label_replace",
		"last_over_time", "ln", "log10", "log2", "mad_over_time", "max_over_time", "min_over_time", "minute",
		"month", "pi", "predict_linear", "present_over_time", "quantile_over_time", "rad", "rate", "resets",
		"round", "scalar", "sgn", "sin", "sinh", "sort", "sort_by_label", "sort_by_label_desc", "sort_desc",
		"sqrt", "stddev_over_time", "stdvar_over_time", "sum_over_time", "tan", "tanh", "time", "timestamp",
		"vector", "year",
	}
	grouping  = []string{"by", "without", "on", "ignoring", "group_left", "group_right"}
	operators = []string{"and", "or", "unless", "bool", "offset", "atan2"}
)

// matcher is one label matcher of a selector, such as category="CONSENT".
type matcher struct {
	label, op, value string
}

// selector is one metric selector with its matchers.
type selector struct {
	metric   string
	matchers []matcher
}

// analysis is what one expression references.
type analysis struct {
	selectors []selector
	grouping  []string // labels in by/without/on/ignoring/group_* clauses
}

func analyze(expr string) (analysis, error) {
	toks, err := lex(expr)
	if err != nil {
		return analysis{}, err
	}
	var a analysis
	depth := map[string]int{}
	next := func(i int) token {
		if i+1 < len(toks) {
			return toks[i+1]
		}
		return token{}
	}
	for i := 0; i < len(toks); i++ {
		tk := toks[i]
		if tk.kind == tPunct {
			switch tk.text {
			case "(", "{", "[":
				depth[tk.text]++
			case ")":
				depth["("]--
			case "}":
				depth["{"]--
			case "]":
				depth["["]--
			}
			// A range or subquery: [5m], [$__rate_interval], [1h:5m].
			if tk.text == "[" {
				for i+1 < len(toks) && toks[i+1].text != "]" {
					i++
				}
			}
			// A selector without a metric name: {__name__="x", ...}.
			if tk.text == "{" {
				sel, n, err := parseMatchers(toks, i)
				if err != nil {
					return a, err
				}
				a.selectors = append(a.selectors, sel)
				i = n
				depth["{"]--
			}
			continue
		}
		if tk.kind != tIdent {
			continue
		}
		nx := next(i)
		switch {
		case slices.Contains(grouping, tk.text):
			if nx.text == "(" {
				j := i + 2
				for ; j < len(toks) && toks[j].text != ")"; j++ {
					if toks[j].kind == tIdent {
						a.grouping = append(a.grouping, toks[j].text)
					} else if toks[j].text != "," {
						return a, fmt.Errorf("unexpected %q in %s(...)", toks[j].text, tk.text)
					}
				}
				i = j
			}
		case slices.Contains(operators, tk.text):
		case slices.Contains(aggregators, tk.text) && (nx.text == "(" || nx.text == "by" || nx.text == "without"):
		case nx.text == "(":
			if !slices.Contains(functions, tk.text) {
				return a, fmt.Errorf("unknown function %s()", tk.text)
			}
		case strings.EqualFold(tk.text, "inf") || strings.EqualFold(tk.text, "nan"):
		default:
			sel := selector{metric: tk.text}
			if nx.text == "{" {
				var n int
				sel, n, err = parseMatchers(toks, i+1)
				if err != nil {
					return a, err
				}
				sel.metric = tk.text
				i = n
			}
			a.selectors = append(a.selectors, sel)
		}
	}
	for k, v := range depth {
		if v != 0 {
			return a, fmt.Errorf("unbalanced %q", k)
		}
	}
	return a, nil
}

// parseMatchers parses the matchers of the "{" at toks[open] and returns the
// index of the closing "}".
func parseMatchers(toks []token, open int) (selector, int, error) {
	var sel selector
	i := open + 1
	for i < len(toks) && toks[i].text != "}" {
		if i+2 >= len(toks) || toks[i].kind != tIdent || toks[i+1].kind != tPunct || toks[i+2].kind != tString {
			return sel, i, fmt.Errorf("malformed label matcher near %q", toks[i].text)
		}
		op := toks[i+1].text
		if !slices.Contains([]string{"=", "!=", "=~", "!~"}, op) {
			return sel, i, fmt.Errorf("bad matcher operator %q", op)
		}
		m := matcher{label: toks[i].text, op: op, value: toks[i+2].text}
		if m.label == "__name__" && op == "=" {
			sel.metric = m.value
		}
		sel.matchers = append(sel.matchers, m)
		i += 3
		if i < len(toks) && toks[i].text == "," {
			i++
		}
	}
	if i >= len(toks) {
		return sel, i, fmt.Errorf("unterminated {")
	}
	return sel, i, nil
}

// literalAlternatives returns the alternatives of a regular expression that is
// only literals joined by "|", or nil when it uses any other syntax.
var literalAltRe = regexp.MustCompile(`^[A-Za-z0-9_]+(\|[A-Za-z0-9_]+)*$`)

func literalAlternatives(m matcher) []string {
	if strings.Contains(m.value, "$") {
		return nil // a Grafana variable, known only at run time
	}
	if m.op == "=" || m.op == "!=" {
		return []string{m.value}
	}
	if literalAltRe.MatchString(m.value) {
		return strings.Split(m.value, "|")
	}
	return nil
}

var legendLabelRe = regexp.MustCompile(`\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}`)

// reporter is the part of *testing.T that checkQuery reports through, so
// that TestLexerCatchesMistakes can collect the reports instead of failing.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// checkQuery reports every metric, label and label value in q that errsvc
// does not export.
func checkQuery(t reporter, q query, exported map[string]metricInfo, recorded map[string][]string, values map[string][]string) {
	t.Helper()
	if strings.TrimSpace(q.expr) == "" {
		t.Errorf("%s: empty expression", q.where)
		return
	}
	a, err := analyze(q.expr)
	if err != nil {
		t.Errorf("%s: %v\n%s", q.where, err, q.expr)
		return
	}
	if len(a.selectors) == 0 {
		t.Errorf("%s: references no metric: %s", q.where, q.expr)
	}
	known := map[string]bool{}
	for _, l := range targetLabels {
		known[l] = true
	}
	for _, sel := range a.selectors {
		var labels []string
		switch {
		case sel.metric == "":
			t.Errorf("%s: a selector without a metric name", q.where)
			continue
		case recorded[sel.metric] != nil:
			labels = recorded[sel.metric]
		default:
			info, ok := exported[sel.metric]
			if !ok {
				t.Errorf("%s: metric %s is not exported by errsvc (%s)", q.where, sel.metric, exportedMetricsFile)
				continue
			}
			labels = info.labels
		}
		for _, l := range labels {
			known[l] = true
		}
		for _, m := range sel.matchers {
			if m.label == "__name__" {
				continue
			}
			if !slices.Contains(labels, m.label) && !slices.Contains(targetLabels, m.label) {
				t.Errorf("%s: %s has no label %q", q.where, sel.metric, m.label)
			}
			allowed, closed := values[m.label]
			if !closed {
				continue
			}
			for _, v := range literalAlternatives(m) {
				if !slices.Contains(allowed, v) {
					t.Errorf("%s: %s%s%q: %q is not a value of %s (%s)", q.where, m.label, m.op, m.value, v, m.label, labelValuesFile)
				}
			}
		}
	}
	for _, g := range a.grouping {
		if !known[g] {
			t.Errorf("%s: groups by %q, which none of its metrics has", q.where, g)
		}
	}
	for _, m := range legendLabelRe.FindAllStringSubmatch(q.legend, -1) {
		if !known[m[1]] {
			t.Errorf("%s: legend uses {{%s}}, which none of its metrics has", q.where, m[1])
		}
	}
}

func TestQueriesUseExportedMetrics(t *testing.T) {
	exported := loadExportedMetrics(t)
	values := loadLabelValues(t)
	rq, recorded := ruleQueries(t)
	dq := dashboardQueries(t, loadDashboard(t))
	if len(rq) == 0 || len(dq) == 0 {
		t.Fatalf("found %d rule and %d dashboard queries", len(rq), len(dq))
	}
	// The dashboard must work without the recording rules deployed.
	for _, q := range dq {
		checkQuery(t, q, exported, nil, values)
	}
	for _, q := range rq {
		checkQuery(t, q, exported, recorded, values)
	}
}

// TestLexerCatchesMistakes proves that the checks above fail where they
// should, on a few deliberately wrong queries.
func TestLexerCatchesMistakes(t *testing.T) {
	exported := loadExportedMetrics(t)
	values := loadLabelValues(t)
	recorded := map[string][]string{"errsvc:classifications:rate5m": {"provider", "category", "action"}}
	for _, tc := range []struct{ expr, legend string }{
		{expr: `rate(errsvc_classification_total[5m])`},                                          // metric name typo
		{expr: `sum by (provder) (rate(errsvc_classifications_total[5m]))`},                      // grouping label typo
		{expr: `rate(errsvc_classifications_total{catgory="CONSENT"}[5m])`},                      // matcher label typo
		{expr: `rate(errsvc_classifications_total{action=~"RETRY|RETRY_BACKOFF"}[5m])`},          // value typo
		{expr: `rate(errsvc_classifications_total{category="CATEGORY_CONSENT"}[5m])`},            // enum prefix
		{expr: `histogram_quantil(0.99, rate(grpc_server_handling_seconds_bucket[5m]))`},         // function typo
		{expr: `sum(rate(errsvc_unmatched_total[5m])`},                                           // unbalanced
		{expr: `sum by (provider) (rate(errsvc_unmatched_total[5m]))`, legend: "{{ category }}"}, // legend label
		{expr: `errsvc:nonexistent:rate5m`},                                                      // undefined recording rule
		{expr: `{__name__="errsvc_classifications_totl"}`},                                       // name matcher typo
		{expr: `errsvc:classifications:rate5m{code="INVALID_GRANT"}`},                            // a label the rule sums away
	} {
		c := &capture{}
		checkQuery(c, query{where: "case", expr: tc.expr, legend: tc.legend}, exported, recorded, values)
		if len(c.msgs) == 0 {
			t.Errorf("no error for %q (legend %q)", tc.expr, tc.legend)
		}
	}
	c := &capture{}
	good := `sum by (provider) (rate(errsvc_classifications_total{instance=~"$instance", category=~"UPSTREAM_.*", action="RE_CONSENT"}[$__rate_interval] offset 1h)) > 0.1
		and on (provider) errsvc:classifications:rate5m{provider="x"}`
	checkQuery(c, query{where: "good", expr: good, legend: "{{provider}}"}, exported, recorded, values)
	if len(c.msgs) > 0 {
		t.Errorf("a correct query failed: %v", c.msgs)
	}
}

// capture collects what checkQuery reports.
type capture struct{ msgs []string }

func (c *capture) Helper() {}
func (c *capture) Errorf(format string, args ...any) {
	c.msgs = append(c.msgs, fmt.Sprintf(format, args...))
}

func TestDashboardStructure(t *testing.T) {
	d := loadDashboard(t)
	if d.UID == "" || d.Title == "" {
		t.Error("dashboard needs a uid and a title")
	}
	if d.SchemaVersion < 36 {
		t.Errorf("schemaVersion %d; want 36 or later", d.SchemaVersion)
	}
	vars := map[string]bool{}
	for _, v := range d.Templating.List {
		vars[v.Name] = true
	}
	for _, want := range []string{"datasource", "instance", "provider"} {
		if !vars[want] {
			t.Errorf("templating variable %q missing", want)
		}
	}
	ids := map[int]bool{}
	titles := map[string]bool{}
	for _, p := range flattenPanels(d.Panels) {
		if p.ID == 0 || ids[p.ID] {
			t.Errorf("panel %q: id %d missing or duplicate", p.Title, p.ID)
		}
		ids[p.ID] = true
		titles[p.Title] = true
		if p.GridPos.W == 0 || p.GridPos.H == 0 || p.GridPos.X+p.GridPos.W > 24 {
			t.Errorf("panel %q: bad gridPos %+v", p.Title, p.GridPos)
		}
		if p.Type == "row" {
			continue
		}
		if !strings.Contains(string(p.Datasource), "${datasource}") {
			t.Errorf("panel %q: datasource %s, want the ${datasource} variable", p.Title, p.Datasource)
		}
		if len(p.Targets) == 0 {
			t.Errorf("panel %q has no queries", p.Title)
		}
		refs := map[string]bool{}
		for _, tg := range p.Targets {
			if tg.RefID == "" || refs[tg.RefID] {
				t.Errorf("panel %q: refId %q missing or duplicate", p.Title, tg.RefID)
			}
			refs[tg.RefID] = true
		}
	}
	for _, want := range []string{
		"Classifications by provider, category and action", "Top 10 codes (selected range)",
		"Unmatched errors by provider", "Retryable share by provider", "RPC latency (unary)",
		"RPC errors by code", "HTTP requests by route and code", "Catalog reloads by result",
		"Catalog entries by provider",
	} {
		if !titles[want] {
			t.Errorf("panel %q missing", want)
		}
	}
}

// promtoolTest is the part of promtool's unit test format the coverage check
// reads.
type promtoolTest struct {
	RuleFiles []string `json:"rule_files"`
	Tests     []struct {
		PromQLExprTest []struct {
			Expr string `json:"expr"`
		} `json:"promql_expr_test"`
		AlertRuleTest []struct {
			Alertname string            `json:"alertname"`
			ExpAlerts []json.RawMessage `json:"exp_alerts"`
		} `json:"alert_rule_test"`
	} `json:"tests"`
}

// TestEveryRuleHasUnitTests checks that promtool's unit tests cover every
// alert with a firing and a quiet case and every recording rule with an
// expression test, and that every alert carries its severity and annotations.
// promtool itself runs the tests (prometheus/check.sh).
func TestEveryRuleHasUnitTests(t *testing.T) {
	firing, quiet, tested := map[string]bool{}, map[string]bool{}, map[string]bool{}
	files, err := filepath.Glob("prometheus/tests/*.yml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no promtool tests: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var pt promtoolTest
		if err := sigsyaml.Unmarshal(data, &pt); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, tc := range pt.Tests {
			for _, e := range tc.PromQLExprTest {
				tested[strings.TrimSpace(e.Expr)] = true
			}
			for _, a := range tc.AlertRuleTest {
				if len(a.ExpAlerts) > 0 {
					firing[a.Alertname] = true
				} else {
					quiet[a.Alertname] = true
				}
			}
		}
	}
	for _, path := range []string{rulesFile, alertsFile} {
		for _, g := range loadRules(t, path).Groups {
			for _, r := range g.Rules {
				switch {
				case r.Record != "":
					if !tested[r.Record] {
						t.Errorf("recording rule %s has no promql_expr_test", r.Record)
					}
				case r.Alert != "":
					if !firing[r.Alert] || !quiet[r.Alert] {
						t.Errorf("alert %s: firing case %t, quiet case %t; want both", r.Alert, firing[r.Alert], quiet[r.Alert])
					}
					if s := r.Labels["severity"]; s != "critical" && s != "warning" && s != "info" {
						t.Errorf("alert %s: severity %q", r.Alert, s)
					}
					for _, k := range []string{"summary", "description", "runbook"} {
						if strings.TrimSpace(r.Annotations[k]) == "" {
							t.Errorf("alert %s: annotation %s missing", r.Alert, k)
						}
					}
					if len(r.Annotations["runbook"]) < 300 {
						t.Errorf("alert %s: the runbook should be a paragraph: what it means, how to investigate, how to fix", r.Alert)
					}
				}
			}
		}
	}
}
