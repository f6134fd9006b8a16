// Package iter as leakviz models it, written for leakviz from the package's
// documented behaviour: the two iterator types. Pull and Pull2 are not modelled
// (Go runs the iterator as a coroutine beside its caller; leakviz has none).
package iter

// Seq is an iterator over single values: it calls yield with each in turn and
// stops as soon as yield returns false.
type Seq[V any] func(yield func(V) bool)

// Seq2 is an iterator over pairs of values, a key and a value for instance.
type Seq2[K, V any] func(yield func(K, V) bool)
