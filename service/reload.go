package service

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/errsvc/errsvc/catalog"
	"github.com/errsvc/errsvc/engine"
)

// watcher reloads the catalog when its directory changes. It watches the
// directory itself, not the files, so that Kubernetes' ConfigMap updates (a
// "..data" symlink swapped to a new timestamped directory) and editors that
// replace files by renaming are both seen.
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
	var timer *time.Timer
	var fire <-chan time.Time
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
			// Settle a burst of events (a ConfigMap swap is several) into one
			// reload.
			if timer == nil {
				timer = time.NewTimer(w.s.cfg.ReloadDebounce)
			} else {
				timer.Reset(w.s.cfg.ReloadDebounce)
			}
			fire = timer.C
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			w.s.log.Warn("catalog watch error", "err", err)
		case <-fire:
			fire = nil
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
	cat, err := catalog.LoadDir(s.cfg.CatalogDir)
	if err == nil {
		if _, exErr := engine.CheckExamples(cat); exErr != nil {
			err = fmt.Errorf("catalog examples: %w", exErr)
		}
	}
	if err != nil {
		s.metrics.reloaded(false)
		problems := strings.Split(err.Error(), "\n")
		s.log.Error("catalog reload failed; keeping the last good catalog",
			"dir", s.cfg.CatalogDir, "serving_version", s.store.Load().Version, "problems", len(problems))
		for _, p := range problems {
			s.log.Error("catalog problem", "problem", p)
		}
		return err
	}
	s.metrics.reloaded(true)
	if old := s.store.Load(); old != nil && old.Version == cat.Version {
		return nil // the same content: nothing to swap
	}
	s.store.Swap(cat)
	s.metrics.catalogLoaded(cat)
	s.log.Info("catalog reloaded", "dir", s.cfg.CatalogDir, "version", cat.Version, "providers", len(cat.Providers), "entries", len(cat.Entries()))
	return nil
}
