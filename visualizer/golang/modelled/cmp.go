// Package cmp as leakviz models it, written for leakviz from the package's
// documented behaviour: the ordered types and their three-way comparison.
package cmp

// Ordered is every type whose values < orders.
type Ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr |
		~float32 | ~float64 | ~string
}

// isNaN reports whether x is a NaN (only a NaN is not equal to itself).
func isNaN[T Ordered](x T) bool { return x != x }

// Compare is -1, 0 or +1 as x is less than, equal to or greater than y; a NaN is less than any number.
func Compare[T Ordered](x, y T) int {
	xNaN, yNaN := isNaN(x), isNaN(y)
	if xNaN {
		if yNaN {
			return 0
		}
		return -1
	}
	if yNaN {
		return +1
	}
	if x < y {
		return -1
	}
	if x > y {
		return +1
	}
	return 0
}

// Less reports whether x is less than y (a NaN less than any number).
func Less[T Ordered](x, y T) bool { return (isNaN(x) && !isNaN(y)) || x < y }

// Or is the first of its arguments that is not the zero value.
func Or[T comparable](vals ...T) T {
	var zero T
	for _, v := range vals {
		if v != zero {
			return v
		}
	}
	return zero
}
