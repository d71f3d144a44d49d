package catalog

import (
	"sort"
	"strings"
)

// Stats describes a catalog's coverage: what `errsvc catalog stats` prints.
type Stats struct {
	Version   string          `json:"version"`
	Providers []ProviderStats `json:"providers"`
	// Entries counts every entry; WithCaptures those that carry at least one
	// real response.
	Entries      int `json:"entries"`
	Examples     int `json:"examples"`
	Captures     int `json:"captures"`
	WithCaptures int `json:"entries_with_captures"`
	// SharedCodes lists the codes that more than one provider (not standard)
	// defines, with those providers: the codes provider inference cannot
	// attribute.
	SharedCodes []SharedCode `json:"shared_codes"`
}

// ProviderStats is one provider's, standard's or vocabulary's share.
type ProviderStats struct {
	ID           string `json:"id"`
	Kind         string `json:"kind"`
	Entries      int    `json:"entries"`
	Examples     int    `json:"examples"`
	Captures     int    `json:"captures"`
	WithCaptures int    `json:"entries_with_captures"`
	// WithoutCaptures names the entries that have no real response yet.
	WithoutCaptures []string `json:"entries_without_captures,omitempty"`
}

// SharedCode is a code several providers define.
type SharedCode struct {
	Code      string   `json:"code"`
	Providers []string `json:"providers"`
}

// Stats computes the catalog's coverage.
func (c *Catalog) Stats() Stats {
	s := Stats{Version: c.Version}
	owners := map[string]map[string]bool{}
	for _, p := range c.Providers {
		ps := ProviderStats{ID: p.Proto.GetId(), Kind: strings.TrimPrefix(p.Proto.GetKind().String(), "PROVIDER_KIND_"), Entries: len(p.Entries)}
		for _, e := range p.Entries {
			ps.Examples += len(e.Proto.GetExamples())
			ps.Captures += len(e.Proto.GetCaptures())
			if len(e.Proto.GetCaptures()) > 0 {
				ps.WithCaptures++
			} else {
				ps.WithoutCaptures = append(ps.WithoutCaptures, e.Proto.GetId())
			}
			if !p.Standard && !p.Vocabulary {
				for _, code := range e.Codes {
					if owners[code] == nil {
						owners[code] = map[string]bool{}
					}
					owners[code][ps.ID] = true
				}
			}
		}
		s.Entries += ps.Entries
		s.Examples += ps.Examples
		s.Captures += ps.Captures
		s.WithCaptures += ps.WithCaptures
		s.Providers = append(s.Providers, ps)
	}
	for code, ps := range owners {
		if len(ps) < 2 {
			continue
		}
		sc := SharedCode{Code: code}
		for p := range ps {
			sc.Providers = append(sc.Providers, p)
		}
		sort.Strings(sc.Providers)
		s.SharedCodes = append(s.SharedCodes, sc)
	}
	sort.Slice(s.SharedCodes, func(i, j int) bool { return s.SharedCodes[i].Code < s.SharedCodes[j].Code })
	return s
}
