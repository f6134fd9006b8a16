// Package slog as leakviz models log/slog: written for leakviz from the
// package's documentation. Loggers, levels, attributes and groups, the text and
// JSON handlers writing to any io.Writer, and the default logger writing
// through package log, as Go's does. Times are the simulated clock's.
package slog

import (
	"context"
	"fmt"
	"io"
	"log"
	"strconv"
	"strings"
	"time"
)

// Level is a record's importance.
type Level int

// The levels.
const (
	LevelDebug Level = -4
	LevelInfo  Level = 0
	LevelWarn  Level = 4
	LevelError Level = 8
)

func (l Level) String() string {
	name := func(base string, off Level) string {
		if off == 0 {
			return base
		}
		return base + "+" + strconv.Itoa(int(off))
	}
	switch {
	case l < LevelInfo:
		return name("DEBUG", l-LevelDebug)
	case l < LevelWarn:
		return name("INFO", l-LevelInfo)
	case l < LevelError:
		return name("WARN", l-LevelWarn)
	default:
		return name("ERROR", l-LevelError)
	}
}

// Level makes a Level a Leveler.
func (l Level) Level() Level { return l }

// Leveler gives a minimum level.
type Leveler interface {
	Level() Level
}

// LevelVar is a Level that can change.
type LevelVar struct{ l Level }

// Level is the current level.
func (v *LevelVar) Level() Level { return v.l }

// Set changes the level.
func (v *LevelVar) Set(l Level) { v.l = l }

// Value is an attribute's value.
type Value struct{ any any }

// Any is the value's Go value.
func (v Value) Any() any { return v.any }

// String is the value as text.
func (v Value) String() string { return text(v.any) }

// AnyValue wraps any value.
func AnyValue(v any) Value { return Value{v} }

// StringValue wraps a string.
func StringValue(s string) Value { return Value{s} }

// IntValue wraps an int.
func IntValue(n int) Value { return Value{n} }

// Attr is a key and a value.
type Attr struct {
	Key   string
	Value Value
}

func (a Attr) String() string { return a.Key + "=" + a.Value.String() }

// Any is an attribute of any value.
func Any(key string, v any) Attr { return Attr{key, Value{v}} }

// String is a string attribute.
func String(key, v string) Attr { return Attr{key, Value{v}} }

// Int is an int attribute.
func Int(key string, v int) Attr { return Attr{key, Value{v}} }

// Int64 is an int64 attribute.
func Int64(key string, v int64) Attr { return Attr{key, Value{v}} }

// Uint64 is a uint64 attribute.
func Uint64(key string, v uint64) Attr { return Attr{key, Value{v}} }

// Float64 is a float64 attribute.
func Float64(key string, v float64) Attr { return Attr{key, Value{v}} }

// Bool is a bool attribute.
func Bool(key string, v bool) Attr { return Attr{key, Value{v}} }

// Duration is a time.Duration attribute.
func Duration(key string, v time.Duration) Attr { return Attr{key, Value{v}} }

// Time is a time.Time attribute.
func Time(key string, v time.Time) Attr { return Attr{key, Value{v}} }

// group is the value of a Group attribute.
type group struct{ attrs []Attr }

// Group is an attribute holding others under key.
func Group(key string, args ...any) Attr { return Attr{key, Value{group{argsToAttrs(args)}}} }

const badKey = "!BADKEY"

// The keys of the built-in attributes, as ReplaceAttr sees them.
const (
	TimeKey    = "time"
	LevelKey   = "level"
	MessageKey = "msg"
	SourceKey  = "source"
)

// argsToAttrs reads alternating keys and values, and Attrs, as Logger.Info does.
func argsToAttrs(args []any) []Attr {
	var out []Attr
	for i := 0; i < len(args); i++ {
		switch a := args[i].(type) {
		case Attr:
			out = append(out, a)
		case string:
			if i+1 < len(args) {
				out = append(out, Attr{a, Value{args[i+1]}})
				i++
			} else {
				out = append(out, Attr{badKey, Value{a}})
			}
		default:
			out = append(out, Attr{badKey, Value{a}})
		}
	}
	return out
}

// Record is one log event.
type Record struct {
	Time    time.Time
	Message string
	Level   Level
	attrs   []Attr
}

// NewRecord makes a record.
func NewRecord(t time.Time, level Level, msg string, pc uintptr) Record {
	return Record{Time: t, Message: msg, Level: level}
}

// Attrs calls f on each attribute until f returns false.
func (r Record) Attrs(f func(Attr) bool) {
	for _, a := range r.attrs {
		if !f(a) {
			return
		}
	}
}

// NumAttrs is how many attributes the record has.
func (r Record) NumAttrs() int { return len(r.attrs) }

// AddAttrs adds attributes.
func (r *Record) AddAttrs(attrs ...Attr) { r.attrs = append(r.attrs, attrs...) }

// Add adds alternating keys and values.
func (r *Record) Add(args ...any) { r.attrs = append(r.attrs, argsToAttrs(args)...) }

// Handler writes records.
type Handler interface {
	Enabled(ctx context.Context, level Level) bool
	Handle(ctx context.Context, r Record) error
	WithAttrs(attrs []Attr) Handler
	WithGroup(name string) Handler
}

// HandlerOptions configure the text and JSON handlers.
type HandlerOptions struct {
	AddSource   bool
	Level       Leveler
	ReplaceAttr func(groups []string, a Attr) Attr
}

// commonHandler is the text and JSON handlers: their options, the attributes and group prefix
// added by With and WithGroup, and where they write.
type commonHandler struct {
	json   bool
	w      io.Writer
	opts   HandlerOptions
	pre    []Attr
	groups []string
}

func (h *commonHandler) Enabled(ctx context.Context, level Level) bool {
	return level >= minLevel(h.opts.Level)
}

// minLevel is what a Leveler gives (a LevelVar's current level, or the Level itself).
func minLevel(l Leveler) Level {
	switch v := l.(type) {
	case nil:
		return LevelInfo
	case *LevelVar:
		return v.Level()
	default:
		return l.(Level)
	}
}

func (h *commonHandler) WithAttrs(attrs []Attr) Handler {
	h2 := *h
	h2.pre = append(append([]Attr{}, h.pre...), qualify(h.groups, attrs)...)
	return &h2
}

func (h *commonHandler) WithGroup(name string) Handler {
	h2 := *h
	h2.groups = append(append([]string{}, h.groups...), name)
	return &h2
}

func qualify(groups []string, attrs []Attr) []Attr {
	if len(groups) == 0 {
		return attrs
	}
	out := make([]Attr, len(attrs))
	for i, a := range attrs {
		out[i] = Attr{strings.Join(groups, ".") + "." + a.Key, a.Value}
	}
	return out
}

func (h *commonHandler) Handle(ctx context.Context, r Record) error {
	attrs := []Attr{}
	if !r.Time.IsZero() {
		attrs = append(attrs, Attr{"time", Value{r.Time}})
	}
	attrs = append(attrs, Attr{"level", Value{r.Level.String()}}, Attr{"msg", Value{r.Message}})
	attrs = append(attrs, h.pre...)
	own := r.attrs
	if h.opts.ReplaceAttr != nil { // a replaced attribute with no key is left out, as in Go
		attrs = replaced(h.opts.ReplaceAttr, nil, attrs)
		own = replaced(h.opts.ReplaceAttr, h.groups, own)
	}
	var line string
	if h.json {
		// JSON nests a group's attributes: {"http":{"status":200}}
		for i := len(h.groups) - 1; i >= 0; i-- {
			own = []Attr{{h.groups[i], Value{group{own}}}}
		}
		attrs = append(attrs, own...)
		line = jsonObject(attrs) + "\n"
	} else {
		attrs = append(attrs, qualify(h.groups, own)...)
		parts := []string{}
		for _, a := range flatten("", attrs) {
			parts = append(parts, quoteKey(a.Key)+"="+textValue(a.Value.any))
		}
		line = strings.Join(parts, " ") + "\n"
	}
	_, err := h.w.Write([]byte(line))
	return err
}

// replaced is attrs through ReplaceAttr: a group's members with the group's name added to groups,
// the groups themselves kept, an attribute given an empty key left out.
func replaced(f func([]string, Attr) Attr, groups []string, attrs []Attr) []Attr {
	kept := []Attr{}
	for _, a := range attrs {
		if g, ok := a.Value.any.(group); ok {
			kept = append(kept, Attr{a.Key, Value{group{replaced(f, append(groups[:len(groups):len(groups)], a.Key), g.attrs)}}})
			continue
		}
		if a = f(groups, a); a.Key != "" {
			kept = append(kept, a)
		}
	}
	return kept
}

func flatten(prefix string, attrs []Attr) []Attr {
	var out []Attr
	for _, a := range attrs {
		if g, ok := a.Value.any.(group); ok {
			out = append(out, flatten(prefix+a.Key+".", g.attrs)...)
			continue
		}
		out = append(out, Attr{prefix + a.Key, a.Value})
	}
	return out
}

// NewTextHandler writes key=value lines to w.
func NewTextHandler(w io.Writer, opts *HandlerOptions) Handler {
	h := &commonHandler{w: w}
	if opts != nil {
		h.opts = *opts
	}
	return h
}

// NewJSONHandler writes one JSON object per line to w.
func NewJSONHandler(w io.Writer, opts *HandlerOptions) Handler {
	h := &commonHandler{json: true, w: w}
	if opts != nil {
		h.opts = *opts
	}
	return h
}

func text(v any) string {
	switch x := v.(type) {
	case nil:
		return "<nil>"
	case string:
		return x
	case time.Time:
		return x.Format("2006-01-02T15:04:05.000Z07:00")
	case error:
		return x.Error()
	case group:
		parts := []string{}
		for _, a := range x.attrs {
			parts = append(parts, a.String())
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	return fmt.Sprint(v)
}

func needsQuoting(s string) bool {
	if s == "" {
		return true
	}
	for _, c := range s {
		if c <= ' ' || c == '=' || c == '"' || c > '~' {
			return true
		}
	}
	return false
}

func quoteKey(k string) string {
	if needsQuoting(k) {
		return strconv.Quote(k)
	}
	return k
}

func textValue(v any) string {
	s := text(v)
	if needsQuoting(s) {
		return strconv.Quote(s)
	}
	return s
}

func jsonObject(attrs []Attr) string {
	parts := []string{}
	for _, a := range attrs {
		parts = append(parts, strconv.Quote(a.Key)+":"+jsonValue(a.Value.any))
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func jsonValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return fmt.Sprint(x)
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return fmt.Sprint(x)
	case time.Duration:
		return strconv.Itoa(int(x))
	case time.Time:
		return strconv.Quote(x.Format(time.RFC3339Nano))
	case group:
		return jsonObject(x.attrs)
	}
	return strconv.Quote(text(v))
}

// defaultHandler writes "LEVEL msg k=v" through package log, as Go's default logger does.
type defaultHandler struct {
	pre    []Attr
	groups []string
}

func (h *defaultHandler) Enabled(ctx context.Context, level Level) bool { return level >= LevelInfo }

func (h *defaultHandler) WithAttrs(attrs []Attr) Handler {
	return &defaultHandler{append(append([]Attr{}, h.pre...), qualify(h.groups, attrs)...), h.groups}
}

func (h *defaultHandler) WithGroup(name string) Handler {
	return &defaultHandler{h.pre, append(append([]string{}, h.groups...), name)}
}

func (h *defaultHandler) Handle(ctx context.Context, r Record) error {
	parts := []string{r.Level.String(), r.Message}
	for _, a := range flatten("", append(append([]Attr{}, h.pre...), qualify(h.groups, r.attrs)...)) {
		parts = append(parts, quoteKey(a.Key)+"="+textValue(a.Value.any))
	}
	log.Print(strings.Join(parts, " "))
	return nil
}

// Logger writes records through its handler.
type Logger struct{ h Handler }

// New is a logger writing through h.
func New(h Handler) *Logger {
	if h == nil {
		panic("nil Handler")
	}
	return &Logger{h}
}

var defaultLogger = &Logger{&defaultHandler{}}

// Default is the default logger.
func Default() *Logger { return defaultLogger }

// SetDefault makes l the default logger.
func SetDefault(l *Logger) { defaultLogger = l }

// Handler is the logger's handler.
func (l *Logger) Handler() Handler { return l.h }

// With is a logger that adds args to every record.
func (l *Logger) With(args ...any) *Logger { return &Logger{l.h.WithAttrs(argsToAttrs(args))} }

// WithGroup is a logger that puts later attributes under name.
func (l *Logger) WithGroup(name string) *Logger { return &Logger{l.h.WithGroup(name)} }

// Enabled says whether a record at level would be written.
func (l *Logger) Enabled(ctx context.Context, level Level) bool { return l.h.Enabled(ctx, level) }

// Log writes a record at level.
func (l *Logger) Log(ctx context.Context, level Level, msg string, args ...any) {
	if ctx == nil {
		ctx = context.Background()
	}
	if !l.h.Enabled(ctx, level) {
		return
	}
	r := Record{Time: time.Now(), Message: msg, Level: level, attrs: argsToAttrs(args)}
	l.h.Handle(ctx, r)
}

// LogAttrs writes a record at level with attrs.
func (l *Logger) LogAttrs(ctx context.Context, level Level, msg string, attrs ...Attr) {
	args := make([]any, len(attrs))
	for i, a := range attrs {
		args[i] = a
	}
	l.Log(ctx, level, msg, args...)
}

// Debug writes at LevelDebug.
func (l *Logger) Debug(msg string, args ...any) { l.Log(context.Background(), LevelDebug, msg, args...) }

// Info writes at LevelInfo.
func (l *Logger) Info(msg string, args ...any) { l.Log(context.Background(), LevelInfo, msg, args...) }

// Warn writes at LevelWarn.
func (l *Logger) Warn(msg string, args ...any) { l.Log(context.Background(), LevelWarn, msg, args...) }

// Error writes at LevelError.
func (l *Logger) Error(msg string, args ...any) { l.Log(context.Background(), LevelError, msg, args...) }

// DebugContext writes at LevelDebug.
func (l *Logger) DebugContext(ctx context.Context, msg string, args ...any) {
	l.Log(ctx, LevelDebug, msg, args...)
}

// InfoContext writes at LevelInfo.
func (l *Logger) InfoContext(ctx context.Context, msg string, args ...any) { l.Log(ctx, LevelInfo, msg, args...) }

// WarnContext writes at LevelWarn.
func (l *Logger) WarnContext(ctx context.Context, msg string, args ...any) { l.Log(ctx, LevelWarn, msg, args...) }

// ErrorContext writes at LevelError.
func (l *Logger) ErrorContext(ctx context.Context, msg string, args ...any) {
	l.Log(ctx, LevelError, msg, args...)
}

// With is Default().With.
func With(args ...any) *Logger { return defaultLogger.With(args...) }

// Log is Default().Log.
func Log(ctx context.Context, level Level, msg string, args ...any) {
	defaultLogger.Log(ctx, level, msg, args...)
}

// Debug is Default().Debug.
func Debug(msg string, args ...any) { defaultLogger.Log(context.Background(), LevelDebug, msg, args...) }

// Info is Default().Info.
func Info(msg string, args ...any) { defaultLogger.Log(context.Background(), LevelInfo, msg, args...) }

// Warn is Default().Warn.
func Warn(msg string, args ...any) { defaultLogger.Log(context.Background(), LevelWarn, msg, args...) }

// Error is Default().Error.
func Error(msg string, args ...any) { defaultLogger.Log(context.Background(), LevelError, msg, args...) }

// InfoContext is Default().InfoContext.
func InfoContext(ctx context.Context, msg string, args ...any) {
	defaultLogger.Log(ctx, LevelInfo, msg, args...)
}

// ErrorContext is Default().ErrorContext.
func ErrorContext(ctx context.Context, msg string, args ...any) {
	defaultLogger.Log(ctx, LevelError, msg, args...)
}
