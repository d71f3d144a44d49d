package service

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/errsvc/errsvc/catalog"
	"github.com/errsvc/errsvc/internal/engine"
)

// watcher reloads the catalog when its directory changes. It watches the
// directory itself, not the files, so that Kubernetes' ConfigMap updates (a
// "..data" symlink swapped to a new timestamped directory) and editors that
// replace files by renaming are both seen.
//
// A writer that is not atomic (a copy, an editor saving in place, a slow
// network write) leaves the directory half-written for a while, and a file
// cut on an entry boundary would still validate and change answers. So
// after events settle, the watcher hashes the directory, waits the settle
// time and hashes it again: it loads only content that stayed the same.
// Kubernetes' atomic "..data" swap needs no wait and is loaded at once.
type watcher struct {
	s   *Server
	dir string
	fw  *fsnotify.Watcher
}

func newWatcher(s *Server, dir string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch catalog dir: %w", err)
	}
	if err := fw.Add(dir); err != nil {
		fw.Close()
		return nil, fmt.Errorf("watch catalog dir %s: %w", dir, err)
	}
	return &watcher{s: s, dir: dir, fw: fw}, nil
}

func (w *watcher) run(ctx context.Context) {
	defer w.fw.Close()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var fire <-chan time.Time
	arm := func(d time.Duration) {
		timer.Reset(d)
		fire = timer.C
	}
	atomicSwap := false
	seen := "" // the directory's hash when it was last looked at
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod {
				continue
			}
			if filepath.Base(ev.Name) == "..data" && ev.Op.Has(fsnotify.Create) {
				atomicSwap = true
			}
			// Settle a burst of events (a ConfigMap swap is several) into one
			// look.
			arm(w.s.cfg.ReloadDebounce)
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			w.s.log.Warn("catalog watch error", "err", err)
		case <-fire:
			fire = nil
			if atomicSwap {
				atomicSwap, seen = false, ""
				w.s.Reload()
				continue
			}
			now := catalog.DirDigest(w.dir)
			if now != seen {
				// Changed since the last look: look again after the settle
				// time, and load only if it stayed the same.
				seen = now
				arm(w.s.cfg.ReloadSettle)
				continue
			}
			seen = ""
			w.s.Reload()
		}
	}
}

// Reload loads the catalog directory again. On success the new catalog
// replaces the old atomically; on failure the old one keeps serving, every
// problem is logged, and the failure is counted.
func (s *Server) Reload() error {
	if s.cfg.CatalogDir == "" {
		return errors.New("no catalog directory configured")
	}
	cat, problems := engine.Load(s.cfg.CatalogDir)
	if len(problems) > 0 {
		s.metrics.reloaded(false)
		s.log.Error("catalog reload failed; keeping the last good catalog",
			"dir", s.cfg.CatalogDir, "serving_version", s.store.Load().Version, "problems", len(problems))
		for _, p := range problems {
			s.log.Error("catalog problem", "problem", p.Error())
		}
		return errors.Join(problems...)
	}
	s.metrics.reloaded(true)
	if old := s.store.Load(); old != nil && old.Version == cat.Version {
		return nil // the same content: nothing to swap
	}
	s.store.Swap(cat)
	s.metrics.catalogLoaded(cat)
	forgotten := s.norm.forgetMatched(cat)
	s.log.Info("catalog reloaded", "dir", s.cfg.CatalogDir, "version", cat.Version, "providers", len(cat.Providers), "entries", len(cat.Entries()),
		"unmatched_now_matched", forgotten)
	return nil
}
