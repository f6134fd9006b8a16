package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/pprof"
	"time"
)

type NotFound struct{ Name string }

func (e *NotFound) Error() string { return e.Name + " not found" }

type Temp struct{ err error }

func (t Temp) Error() string { return "temporary: " + t.err.Error() }
func (t Temp) Unwrap() error { return t.err }

var ErrBase = errors.New("base")

type IsBase struct{}

func (IsBase) Error() string          { return "isbase" }
func (IsBase) Is(target error) bool { return target == ErrBase }

// report sends its error on a channel nobody reads after the first failure.
func report(errs chan error, err error) { errs <- err }

func main() {
	errs := make(chan error)
	go report(errs, ErrBase)
	go report(errs, &NotFound{"late"})
	first := <-errs
	var first404 *NotFound
	fmt.Println(errors.Is(first, ErrBase) || errors.As(first, &first404))
	e1 := fmt.Errorf("lookup %s: %w", "x", &NotFound{"x"})
	var nf *NotFound
	fmt.Println(errors.As(e1, &nf), nf.Name, e1)
	e2 := Temp{fmt.Errorf("wrap: %w", ErrBase)}
	fmt.Println(errors.Is(e2, ErrBase), errors.Unwrap(e2))
	j := errors.Join(ErrBase, &NotFound{"y"}, nil)
	fmt.Println(j, errors.Is(j, ErrBase), errors.Unwrap(j) == nil)
	var nf2 *NotFound
	fmt.Println(errors.As(j, &nf2), nf2.Name)
	e3 := fmt.Errorf("%v and %w and %w", errors.New("plain"), ErrBase, &NotFound{"z"})
	fmt.Println(errors.Is(e3, ErrBase), errors.As(e3, &nf2), nf2.Name, errors.Unwrap(e3) == nil)
	fmt.Println(errors.Is(IsBase{}, ErrBase), errors.Is(nil, ErrBase), errors.Is(nil, nil))
	var t Temp
	fmt.Println(errors.As(fmt.Errorf("w: %w", e2), &t), t.err)
	var target interface{ Unwrap() error }
	fmt.Println(errors.As(e2, &target))
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
