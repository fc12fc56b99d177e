package shipping

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

type countingRater struct {
	mu      sync.Mutex
	search  int
	quotes  int
	tracks  int
	grams   []int
	fail    error
	nPlaces int
}

func (r *countingRater) Search(_ context.Context, q string) ([]Place, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.search++
	if r.fail != nil {
		return nil, r.fail
	}
	return []Place{{ID: "1", Label: q}}, nil
}

func (r *countingRater) Quotes(_ context.Context, to Place, grams int) ([]Quote, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.quotes++
	r.grams = append(r.grams, grams)
	if r.fail != nil {
		return nil, r.fail
	}
	return []Quote{{Courier: "jne", Service: "REG", Price: int64(grams) * 10}}, nil
}

func (r *countingRater) Track(_ context.Context, courier, waybill string) (Track, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.tracks++
	if r.fail != nil {
		return Track{}, r.fail
	}
	return Track{Status: InTransit, Events: []Event{{Text: courier + waybill}}}, nil
}

type fakeClock struct{ t time.Time }

func (c *fakeClock) Now() time.Time { return c.t }

func TestCacheSearchKeyedByNormalisedQuery(t *testing.T) {
	r := &countingRater{}
	clk := &fakeClock{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	c := NewCache(r, r, CacheOptions{Now: clk.Now, SearchTTL: time.Hour})
	ctx := context.Background()
	for _, q := range []string{"Tambun, Bekasi", "tambun  bekasi", "TAMBUN BEKASI!"} {
		if _, err := c.Search(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if r.search != 1 {
		t.Fatalf("searches = %d, want 1", r.search)
	}
	clk.t = clk.t.Add(time.Hour)
	if _, err := c.Search(ctx, "tambun bekasi"); err != nil {
		t.Fatal(err)
	}
	if r.search != 2 {
		t.Fatalf("after expiry searches = %d, want 2", r.search)
	}
}

func TestCacheQuotesRoundWeightToStep(t *testing.T) {
	r := &countingRater{}
	clk := &fakeClock{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	c := NewCache(r, r, CacheOptions{Now: clk.Now})
	ctx := context.Background()
	p := Place{ID: "42"}
	q1, _ := c.Quotes(ctx, p, 1200)
	q2, _ := c.Quotes(ctx, p, 1900)
	if r.quotes != 1 || q1[0].Price != q2[0].Price || r.grams[0] != 2000 {
		t.Fatalf("quotes=%d grams=%v prices %d %d", r.quotes, r.grams, q1[0].Price, q2[0].Price)
	}
	if _, err := c.Quotes(ctx, p, 2001); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Quotes(ctx, Place{ID: "43"}, 1200); err != nil {
		t.Fatal(err)
	}
	if r.quotes != 3 {
		t.Fatalf("quotes = %d, want 3 (another step, another place)", r.quotes)
	}
	if RoundGrams(0, 1000) != 1000 || RoundGrams(1000, 1000) != 1000 || RoundGrams(1001, 1000) != 2000 {
		t.Fatal("RoundGrams")
	}
}

func TestCacheErrorsNotCached(t *testing.T) {
	r := &countingRater{fail: errors.New("boom")}
	c := NewCache(r, r, CacheOptions{})
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if _, err := c.Search(ctx, "x"); err == nil {
			t.Fatal("want error")
		}
		if _, err := c.Quotes(ctx, Place{ID: "1"}, 1); err == nil {
			t.Fatal("want error")
		}
		if _, err := c.Track(ctx, "jne", "A1"); err == nil {
			t.Fatal("want error")
		}
	}
	if r.search != 2 || r.quotes != 2 || r.tracks != 2 {
		t.Fatalf("calls %d %d %d, want 2 each", r.search, r.quotes, r.tracks)
	}
	r.fail = nil
	if _, err := c.Search(ctx, "x"); err != nil {
		t.Fatal(err)
	}
}

func TestCacheTrackShortTTLAndKey(t *testing.T) {
	r := &countingRater{}
	clk := &fakeClock{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	c := NewCache(r, r, CacheOptions{Now: clk.Now, TrackTTL: 10 * time.Minute})
	ctx := context.Background()
	c.Track(ctx, "JNE", "ab1")
	c.Track(ctx, "jne", "AB1")
	if r.tracks != 1 {
		t.Fatalf("tracks = %d", r.tracks)
	}
	c.Track(ctx, "jnt", "AB1")
	if r.tracks != 2 {
		t.Fatalf("another courier is another waybill: %d", r.tracks)
	}
	clk.t = clk.t.Add(10 * time.Minute)
	c.Track(ctx, "jne", "AB1")
	if r.tracks != 3 {
		t.Fatalf("expired: %d", r.tracks)
	}
}

func TestCacheBounded(t *testing.T) {
	r := &countingRater{}
	clk := &fakeClock{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	c := NewCache(r, r, CacheOptions{Now: clk.Now, Max: 10})
	ctx := context.Background()
	for i := 0; i < 50; i++ {
		clk.t = clk.t.Add(time.Second)
		c.Search(ctx, fmt.Sprint("kota ", i))
	}
	if c.Len() > 10 {
		t.Fatalf("len = %d, want <= 10", c.Len())
	}
	// The newest stays.
	n := r.search
	c.Search(ctx, "kota 49")
	if r.search != n {
		t.Fatal("newest entry was evicted")
	}
}

func TestCacheReturnsCopies(t *testing.T) {
	r := &countingRater{}
	c := NewCache(r, r, CacheOptions{})
	ctx := context.Background()
	q, _ := c.Quotes(ctx, Place{ID: "1"}, 1000)
	q[0].Price = 1
	q2, _ := c.Quotes(ctx, Place{ID: "1"}, 1000)
	if q2[0].Price == 1 {
		t.Fatal("caller changed the cached slice")
	}
}

func TestCacheNilProviders(t *testing.T) {
	c := NewCache(nil, nil, CacheOptions{})
	ctx := context.Background()
	if _, err := c.Search(ctx, "x"); !errors.Is(err, ErrNotConfigured) {
		t.Fatal(err)
	}
	if _, err := c.Track(ctx, "a", "b"); !errors.Is(err, ErrNotConfigured) {
		t.Fatal(err)
	}
}

func TestCacheConcurrent(t *testing.T) {
	r := &countingRater{}
	c := NewCache(r, r, CacheOptions{Max: 5})
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				c.Search(context.Background(), fmt.Sprint(i, j%7))
				c.Quotes(context.Background(), Place{ID: fmt.Sprint(j % 3)}, j*100)
			}
		}(i)
	}
	wg.Wait()
	if c.Len() > 5 {
		t.Fatalf("len %d", c.Len())
	}
}
