package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestHome(t *testing.T) {
	rec := httptest.NewRecorder()
	Routes().ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 200 || rec.Body.String() != "home" {
		t.Fatalf("got %d %q", rec.Code, rec.Body.String())
	}
}

func TestItemTimesOut(t *testing.T) {
	rec := httptest.NewRecorder()
	Routes().ServeHTTP(rec, httptest.NewRequest("GET", "/items/7", nil))
	if rec.Code != 504 {
		t.Fatalf("got %d, want 504", rec.Code)
	}
	t.Log(rec.Body.String())
}

func TestUnknownPathIs404(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("GET /items/{id}", http.HandlerFunc(Item))
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/nothing", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("got %d, want 404", rec.Code)
	}
}
