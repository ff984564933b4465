package store

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/seatmeter/seatmeter/pkg/models"
)

func TestClientSendsAuthAndHeaders(t *testing.T) {
	var got http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"success","data":{"resultType":"vector","result":[]}}`))
	}))
	defer srv.Close()
	c, err := New(models.Settings{URL: srv.URL, AuthType: models.AuthBearer, BearerToken: "tok",
		Headers: map[string]string{"X-Scope-OrgID": "team"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Query(context.Background(), "up", time.Now()); err != nil {
		t.Fatal(err)
	}
	if got.Get("Authorization") != "Bearer tok" || got.Get("X-Scope-OrgID") != "team" {
		t.Fatalf("headers sent: %v", got)
	}
}

func TestClientNamesTheHopThatFailed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.Close() // nothing listens any more
	c, _ := New(models.Settings{URL: srv.URL}, nil)
	_, _, err := c.Query(context.Background(), "up", time.Now())
	var se *StoreError
	if !errors.As(err, &se) || se.Hop != "store unreachable" || !strings.Contains(err.Error(), srv.URL) {
		t.Fatalf("err = %v", err)
	}

	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"status":"error","errorType":"unauthorized","error":"no org id"}`))
	}))
	defer bad.Close()
	c, _ = New(models.Settings{URL: bad.URL}, nil)
	_, _, err = c.Query(context.Background(), "up", time.Now())
	if !errors.As(err, &se) || !strings.Contains(se.Hop, "client error") {
		t.Fatalf("err = %v", err)
	}
}
