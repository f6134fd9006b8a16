"""Simplified Chinese for every visible string: the one table of translations.

Data only: ``python tools/i18n.py`` reads ``ZH`` (as a literal) into
leakviz_zh_CN.ts, the file Qt Linguist edits, and compiles the .qm the app
loads; nothing imports this module at run time. It is one entry per tr()
string of the GUI (about 480), so it runs past 500 lines; a translator
reviews it in one place.
"""

ZH = {
    # a program run from source (sitelanes.py, verdict.py, codeview.py, window.py)
    "main goroutine": "main 的 goroutine",
    "net/http: one goroutine per request": "net/http：每个请求一个 goroutine",
    "inside {pkg}": "{pkg} 内部",
    "go statement at {where}": "{where} 处的 go 语句",
    "runnable": "可运行",
    "panicked": "panic",
    "+{n} more": "还有 {n} 个",
    "send on {c}": "向 {c} 发送",
    "receive from {c}": "从 {c} 接收",
    "select on {c}": "在 {c} 上 select",
    "blocked at {where}: {what}": "阻塞在 {where}：{what}",
    "1 go statement": "1 条 go 语句",
    "{n} go statements": "{n} 条 go 语句",
    "{statements} · {started} goroutines started · {live} alive": "{statements} · 已启动 {started} 个 goroutine · {live} 个存活",
    "<b>Nothing stranded.</b> Every goroutine finished.": "<b>没有泄漏。</b>每个 goroutine 都已结束。",
    "<b>Nothing stranded so far.</b> A goroutine is stranded when it is blocked and nothing that can still run could ever wake it: Go's goroutine leak rule.":
        "<b>目前没有泄漏。</b>一个 goroutine 阻塞着，而且任何还能运行的代码都不可能再唤醒它，它就永久阻塞了：这是 Go 判定 goroutine 泄漏的规则。",
    "{n} at <code>{where}</code> ({what})": "{n} 个在 <code>{where}</code>（{what}）",
    "{n} elsewhere": "其他位置 {n} 个",
    "<b>Leaks.</b> {n} goroutines can never continue: {where}. Nothing can wake them: in Go they stay until the process exits.":
        "<b>会泄漏。</b>{n} 个 goroutine 永远无法继续：{where}。没有什么能唤醒它们：在 Go 里它们会一直留到进程退出。",
    "<code>{var}</code> (line {line})": "<code>{var}</code>（第 {line} 行）",
    "Capacity {n} for {names} strands nothing in this run (F9: its dials).":
        "{names}的容量设为 {n} 时，这次运行没有 goroutine 永久阻塞（F9：调节容量）。",
    "No capacity up to {most} for {names} helps: the fix is in the code (a receiver, ctx.Done(), a close).":
        "{names}的容量设到 {most} 也无济于事：要改的是代码（接收者、ctx.Done()、close）。",
    "⋮ lines 1–{b} above": "⋮ 上方第 1–{b} 行",
    "⋮ lines {a}–{b} below": "⋮ 下方第 {a}–{b} 行",
    "Running {file}: press Space to play.": "正在运行 {file}：按空格键播放。",
    "press Space to play.": "按空格键播放。",
    "Go's goroutineleak profile reports {n} leaked": "Go 的 goroutineleak 剖析报告 {n} 个泄漏",
    "Go's goroutineleak profile: not in this dump": "Go 的 goroutineleak 剖析：不在这份转储中",
    "; can never continue for certain: {n} (a nil channel, select {{}}); for the others a dump cannot tell":
        "；确定永远无法继续：{n} 个（nil 通道、select {{}}）；其余的转储无法判断",
    "Goroutines started": "已启动的 goroutine",
    "Capacity of {name} (line {line})": "{name} 的容量（第 {line} 行）",
    "make(chan T, N) for {name} at line {line}: a change applies to channels made from now on, as a redeploy would.":
        "第 {line} 行 {name} 的 make(chan T, N)：修改只影响此后创建的通道，就像重新部署一样。",
    "{dial} = {n}: channels made from now on get it; those made before keep theirs.":
        "{dial} = {n}：此后创建的通道使用它；之前创建的保持原样。",
    "No dial {key}: this program's are {keys}.": "没有旋钮 {key}：这个程序的旋钮是 {keys}。",
    "{key} must be a whole number from 0 to 1,000,000.": "{key} 必须是 0 到 1,000,000 之间的整数。",
    "closed": "已关闭",
    "The func(w http.ResponseWriter, r *http.Request) each simulated request calls, on its own goroutine as net/http does.":
        "每个模拟请求调用的 func(w http.ResponseWriter, r *http.Request)，像 net/http 一样各在自己的 goroutine 上运行。",
    "How many simulated requests the handler is sent.": "发给该处理函数的模拟请求数。",
    "Simulated requests per simulated second.": "每个模拟秒的模拟请求数。",
    "Networks the clients come from, each with its share in %, e.g. 203.0.113.0/24=25, 10.0.0.0/8 (empty: 10.0.x.y).":
        "客户端来自的网络及各自所占百分比，例如 203.0.113.0/24=25, 10.0.0.0/8（留空：10.0.x.y）。",
    "The path (and ?query) every request asks for.": "每个请求访问的路径（以及 ?查询参数）。",
    "Go source (*.go);;leakviz Go runs (*.leakviz-go)": "Go 源码 (*.go);;leakviz Go 运行 (*.leakviz-go)",
    "{op} on a nil channel": "在 nil 通道上{op}",
    "send": "发送",
    "receive": "接收",
    "select {} with no cases": "没有任何 case 的 select {}",
    "Saved {p}": "已保存 {p}",
    "<b>Leaks.</b> 1 goroutine can never continue: {where}. Nothing can wake it: in Go it stays until the process exits.":
        "<b>会泄漏。</b>1 个 goroutine 永远无法继续：{where}。没有什么能唤醒它：在 Go 里它会一直留到进程退出。",
    "testing: the goroutine that runs the test": "testing：运行该测试的 goroutine",
    "{test} (seed {seed})": "{test}（种子 {seed}）",
    "No test {name} in this package.": "这个包里没有测试 {name}。",
    "&Compare with its fix, or another Go file…": "与它的修复或另一个 Go 文件并排比较(&C)…",
    "Compare with…": "与……比较",
    "Back to made-up requests": "改回模拟生成的请求",
    "{file}, replaying {log}": "{file}，重放 {log}",
    "<b>Nothing stranded by Go's rule.</b> When the program ended, goroutines were still blocked: {where}. Go's goroutine leak profile does not report them: what they wait on is still reachable (from a global variable, say), even if nothing will ever release it.":
        "<b>按 Go 的规则没有泄漏。</b>程序结束时仍有 goroutine 阻塞：{where}。Go 的 goroutine 泄漏分析不会报告它们：它们等待的东西仍然可达（例如来自一个全局变量），即使再也没有谁会释放它。",
    "held by {who}, finished": "被{who}持有，它已结束",
    "held by {who}": "被{who}持有",
    "returned {code}": "已返回 {code}",
    "ready to run": "可运行",
    # verdict
    "<b>Cannot leak.</b> Every send also waits on <code>{s}</code>, which the handler closes when it returns, so a check with nobody to receive its result gives up instead of blocking forever, whatever the capacities.":
        "<b>不会泄漏。</b>每次发送同时等待 <code>{s}</code>，handler 返回时会关闭它；没有人接收结果的检查会放弃发送，而不是永远阻塞，无论容量多大。",
    "<b>Cannot leak.</b> When the handler returns early, a drain goroutine receives every result still to come, so every send completes.":
        "<b>不会泄漏。</b>handler 提前返回时，会启动一个 drain goroutine 接收剩下的所有结果，因此每次发送都能完成。",
    "<b>Cannot leak.</b> done holds {cd} and quit holds {cq}: room for every check that finishes after the handler has stopped listening (it needs at most {nd} and {nq}).":
        "<b>不会泄漏。</b>done 可缓冲 {cd} 个、quit 可缓冲 {cq} 个：足以容纳 handler 停止接收后才完成的所有检查（最多需要 {nd} 和 {nq}）。",
    "<b>Leaks.</b> The channels have no buffer, so a send waits for a receiver. After the first failing check the handler returns and nobody receives any more: every check that finishes later blocks forever. The smallest capacities that cannot leak here: done {nd}, quit {nq}.":
        "<b>会泄漏。</b>通道没有缓冲，发送必须等到有人接收。第一个检查失败后 handler 就返回了，再也没有人接收：之后完成的每个检查都会永远阻塞。在这里不会泄漏的最小容量：done {nd}，quit {nq}。",
    "<b>Leaks.</b> After the first failing check the handler returns and nobody receives any more: later checks fill the buffers (done holds {cd}, quit holds {cq}) and every one after that blocks forever. The smallest capacities that cannot leak here: done {nd}, quit {nq}.":
        "<b>会泄漏。</b>第一个检查失败后 handler 就返回了，再也没有人接收：之后的检查先填满缓冲（done 可放 {cd} 个，quit 可放 {cq} 个），再往后的每一个都会永远阻塞。在这里不会泄漏的最小容量：done {nd}，quit {nq}。",
    # code view
    "The Go code of the running handler. A highlighted line has goroutines blocked on it right now; red when they can never continue.":
        "正在运行的 handler 的 Go 代码。高亮的行表示此刻有 goroutine 阻塞在这里；红色表示它们永远无法继续。",
    "◀ {n} blocked": "◀ {n} 个阻塞",
    # controls
    "&Preset": "预设(&P)",
    "Start from a named scenario: the article's bug, its fix, a buffer too small, or the idiomatic context fix.":
        "从一个命名场景开始：文章中的 bug、它的修复、太小的缓冲，或惯用的 context 修复。",
    "&Handler": "处理函数(&H)",
    "The article's code, or one of its fixes: each send also selects on ctx.Done(); each send selects on a stop channel closed on return; a goroutine receives the rest.":
        "文章中的代码，或它的一种修复：每次发送同时 select ctx.Done()；每次发送同时 select 一个在返回时关闭的 stop 通道；由一个 goroutine 接收剩余结果。",
    "the article's (the bug)": "文章中的（有 bug）",
    "context fix": "context 修复",
    "stop-channel fix": "停止通道修复",
    "draining fix": "排空修复",
    "&Checks per request": "每个请求的检查数(&C)",
    "How many check goroutines each request starts.": "每个请求启动多少个检查 goroutine。",
    "Capacity of &done": "done 的容量(&D)",
    "make(chan bool, N) for done. 0 is the bug.": "done 的 make(chan bool, N)。0 就是那个 bug。",
    "Capacity of &quit": "quit 的容量(&Q)",
    "make(chan bool, N) for quit. 0 is the bug.": "quit 的 make(chan bool, N)。0 就是那个 bug。",
    "Request &rate": "请求速率(&R)",
    "Requests per simulated second.": "每个模拟秒到达的请求数。",
    "&Failure probability": "失败概率(&F)",
    "Chance that each check other than bad_ip fails on a request.": "除 bad_ip 以外，每个检查在一个请求上失败的概率。",
    "Share of &bad IPs": "恶意 IP 比例(&B)",
    "Share of requests from a blocked IP: check 0 (bad_ip, the article's) fails.":
        "来自被封禁 IP 的请求比例：这些请求的检查 0（bad_ip，即文章中的检查）会失败。",
    "Always &failing checks": "总是失败的检查(&A)",
    "Optional: 0-based check indices that fail on every request, e.g. 0,9. Empty: drawn from the probabilities above.":
        "可选：在每个请求上都失败的检查编号（从 0 开始），例如 0,9。留空：按上面的概率随机抽取。",
    "&Overlapping requests": "请求重叠(&O)",
    "Requests arrive at the rate whether or not earlier ones were answered.": "无论之前的请求是否已响应，请求都按速率到达。",
    "S&eed": "随机种子(&E)",
    "Same seed, same requests, same run. Changing it starts over.": "相同的种子，相同的请求，相同的运行。修改它会重新开始。",
    "Spee&d": "速度(&S)",
    "Simulated seconds per wall-clock second; max runs as fast as the machine can.": "每个真实秒对应的模拟秒数；max 表示机器能跑多快就跑多快。",
    "e.g. 0,9 (empty: drawn)": "例如 0,9（留空：随机）",
    "yes": "是",
    "max": "最快",
    "Failing checks must be numbers separated by commas, like 0,9.": "失败的检查必须是用逗号分隔的数字，例如 0,9。",
    "Check {i} does not exist: checks are numbered 0 to {last}.": "检查 {i} 不存在：检查编号为 0 到 {last}。",
    # main window
    "leakviz: goroutine leaks, made visible": "leakviz：让 goroutine 泄漏看得见",
    "&File": "文件(&F)",
    "&Simulation": "模拟(&S)",
    "&View": "视图(&V)",
    "&Language": "语言(&L)",
    "&Help": "帮助(&H)",
    "&Step to next event": "单步到下一个事件(&S)",
    "&Reset": "重置(&R)",
    "Save &screenshot…": "保存截图(&S)…",
    "&Quit": "退出(&Q)",
    "&Full screen": "全屏(&F)",
    "&About leakviz": "关于 leakviz(&A)",
    "Step ▸|": "单步 ▸|",
    "Advance to the next event and pause (→ or .)": "前进到下一个事件并暂停（→ 或 .）",
    "Reset ⟲": "重置 ⟲",
    "Start the run over with the current settings (Ctrl+R)": "用当前设置重新开始运行（Ctrl+R）",
    "The handler's Go code": "handler 的 Go 代码",
    "Simulated time": "模拟时间",
    "Live goroutines": "存活的 goroutine",
    "Stranded": "永久阻塞",
    "Leaking goroutines": "泄漏速度",
    "In one hour at this rate": "按此速度一小时后",
    "Requests": "请求数",
    "What the stranded goroutines would hold in Go after an hour, if they keep leaking at the current rate.":
        "如果按当前速度持续泄漏，一小时后永久阻塞的 goroutine 在 Go 中会占用多少内存。",
    "Nothing left to happen: every goroutine has finished or is blocked forever.": "没有事情会再发生了：每个 goroutine 都已结束或永远阻塞。",
    "Run restarted.": "已重新开始运行。",
    "Preset {name}: run restarted.": "预设 {name}：已重新开始运行。",
    "Applies to requests from #{n} on; requests in flight keep their settings.": "从请求 #{n} 起生效；正在处理的请求保持原来的设置。",
    "Run restarted with the new settings.": "已使用新设置重新开始运行。",
    "Speed: {s}": "速度：{s}",
    "panic: {msg} (goroutine {g}): the simulated program stopped, as Go would.": "panic：{msg}（goroutine {g}）：模拟程序已停止，和 Go 一样。",
    "Pause ❚❚": "暂停 ❚❚",
    "Play ▶": "播放 ▶",
    "&Pause": "暂停(&P)",
    "&Play": "播放(&P)",
    "Play or pause the simulation (Space)": "播放或暂停模拟（空格）",
    "Internal error (logged): {e}": "内部错误（已记录）：{e}",
    "Save screenshot": "保存截图",
    "PNG images (*.png)": "PNG 图片 (*.png)",
    "Could not write {p}": "无法写入 {p}",
    "About leakviz": "关于 leakviz",
    "leakviz shows how channel capacity, blocking sends and early returns strand goroutines and hold memory, on a simulated Go runtime.":
        "leakviz 在模拟的 Go 运行时上展示：通道容量、阻塞的发送和提前返回如何困住 goroutine 并占用内存。",
    # chart
    "Memory held by stranded goroutines over simulated time:\nblue = what real Go would hold (modelled: 2 KiB stack + runtime records),\nred = what the simulated goroutines hold in this Python process (measured).":
        "永久阻塞的 goroutine 随模拟时间占用的内存：\n蓝色 = 真实 Go 会占用的内存（模型：2 KiB 栈 + 运行时记录），\n红色 = 模拟的 goroutine 在本 Python 进程中占用的内存（实测）。",
    "Memory held by stranded goroutines": "永久阻塞的 goroutine 占用的内存",
    "━ Go (modelled)": "━ Go（模型）",
    "━ this process (measured)": "━ 本进程（实测）",
    "━ Go": "━ Go",
    "━ this process": "━ 本进程",
    "{t} s simulated": "模拟 {t} 秒",
    # stage
    "Each lane is one request: its check goroutines (left) send on done or quit (middle) to the handler (right).\nRed crossed squares are stranded goroutines: blocked forever.":
        "每一行是一个请求：它的检查 goroutine（左）通过 done 或 quit（中）发送给 handler（右）。\n带叉的红色方块是永久阻塞的 goroutine：永远阻塞。",
    "{shown} most recent of {total} requests": "{total} 个请求中最近的 {shown} 个",
    "  ·  {n} earlier requests folded away": "  ·  已折叠 {n} 个较早的请求",
    "no buffer": "无缓冲",
    "handler": "handler",
    "receiving…": "接收中…",
    "returned 403": "已返回 403",
    "returned 200": "已返回 200",
    "drain": "drain",
    "&Open a saved run…": "打开保存的运行(&O)…",
    "&Save this run…": "保存这次运行(&S)…",
    "leakviz runs (*.leakviz-run)": "leakviz 运行记录 (*.leakviz-run)",
    "leakviz runs (*.leakviz-run *.leakviz-go)": "leakviz 运行记录 (*.leakviz-run *.leakviz-go)",
    "Go source (*.go);;leakviz runs (*.leakviz-run *.leakviz-go)": "Go 源码 (*.go);;leakviz 运行记录 (*.leakviz-run *.leakviz-go)",
    "Saved the run to {p}": "已将运行保存到 {p}",
    "Opened {p}: {n} events. Drag the timeline to replay it.": "已打开 {p}：{n} 个事件。拖动时间轴即可回放。",
    "Open a saved run": "打开保存的运行",
    "Export the view as &PNG…": "将视图导出为 &PNG…",
    "Export the metrics as &CSV…": "将指标导出为 &CSV…",
    "Export the report as &JSON…": "将报告导出为 &JSON…",
    "Export the last seconds as animated &GIF…": "将最近几秒导出为 GIF 动画(&G)…",
    "CSV files (*.csv)": "CSV 文件 (*.csv)",
    "JSON files (*.json)": "JSON 文件 (*.json)",
    "GIF images (*.gif)": "GIF 图片 (*.gif)",
    "Export": "导出",
    "Wrote {n} rows to {p}": "已将 {n} 行写入 {p}",
    "Wrote the report to {p}": "已将报告写入 {p}",
    "Making the animation…": "正在生成动画…",
    "Cancel": "取消",
    "Export GIF": "导出 GIF",
    "GIF export cancelled.": "已取消 GIF 导出。",
    "Wrote {n} frames to {p}": "已将 {n} 帧写入 {p}",
    "&Compare side by side: unbuffered | buffered | context": "并排比较(&C)：无缓冲 | 有缓冲 | context",
    "What the stranded goroutines of each variant would hold in Go, over the same simulated time.":
        "每种写法中永久阻塞的 goroutine 在 Go 中会占用的内存，在同一段模拟时间上。",
    "leakviz: compare on the same requests": "leakviz：在相同请求上比较",
    "stranded: {n}": "永久阻塞：{n}",
    "Step &back one event": "后退一个事件(&B)",
    "Back to &live": "回到实时(&L)",
    "Drag to any moment of the run; ← and → step one event back and forward.\nRed: the first stranded goroutine. Orange ticks: handlers returning early.":
        "拖动到运行中的任意时刻；← 和 → 前后单步一个事件。\n红色：第一个永久阻塞的 goroutine。橙色刻度：提前返回的 handler。",
    "live": "实时",
    "replay at {t} s · event {i} of {n}": "回放 {t} 秒 · 第 {i} / {n} 个事件",
    "<b>Paused at {n} live goroutines.</b> This is the leak at work: in Go every stranded goroutine stays until the process dies. leakviz stops here so that it does not eat this computer's memory too (set the ceiling with --max-live).":
        "<b>已在 {n} 个存活 goroutine 处暂停。</b>这正是泄漏在起作用：在 Go 中，每个永久阻塞的 goroutine 会一直存在，直到进程结束。leakviz 在这里停下，以免把这台电脑的内存也耗尽（用 --max-live 设置上限）。",
    "{name} closed": "{name} 已关闭",
    "Stranded forever: {n}": "永久阻塞：{n}",
    "Go would hold {bytes}": "在 Go 中将占用 {bytes}",
    "{n} more can never continue (Go's profile does not report them)": "另有 {n} 个永远无法继续（Go 的泄漏分析不报告它们）",
    "No goroutine is stranded.": "没有永久阻塞的 goroutine。",
    "each square = {unit} goroutines": "每个方块 = {unit} 个 goroutine",
    # classroom: legend, drawer, zoom, presenter mode, lanes
    "checking": "检查中",
    "sending": "发送中",
    "waiting": "等待中",
    "stranded forever": "永久阻塞",
    "finished": "已结束",
    "done value": "done 的值",
    "quit value": "quit 的值",
    "line: waiting": "该行：等待中",
    "line: stranded": "该行：永久阻塞",
    "line: changed from the bug": "该行：与 bug 版本不同",
    "Zoom {z} %": "缩放 {z} %",
    "☰ Settings": "☰ 设置",
    "Show or hide the settings drawer (F9)": "显示或隐藏设置抽屉（F9）",
    "Settings &drawer": "设置抽屉(&D)",
    "P&resenter mode": "演示模式(&R)",
    "Zoom &in": "放大(&I)",
    "Zoom &out": "缩小(&O)",
    "&Actual size": "实际大小(&A)",
    "{n} stranded": "{n} 个永久阻塞",
    # mid-run changes
    "earlier code (requests before #{n}):": "先前的代码（#{n} 之前的请求）：",
    "grey count: the earlier code's": "灰色计数：先前代码的",
    "Requests before #{n} ran the earlier code: their {k} stranded goroutines stay stranded.":
        "#{n} 之前的请求运行的是先前的代码：它们的 {k} 个永久阻塞的 goroutine 仍然永久阻塞。",
    "change (#{n} on)": "修改（从 #{n} 起）",
    # guided lesson
    "Lesson: step {i} of {n}": "课程：第 {i} 步，共 {n} 步",
    "Show me ▶": "演示给我看 ▶",
    "◀ Back": "◀ 上一步",
    "Next ▶": "下一步 ▶",
    "Done": "完成",
    "Guided &lesson": "引导课程(&L)",
    "Previous mark on the timeline": "时间轴上的前一个标记",
    "Next mark on the timeline": "时间轴上的后一个标记",
    "Lesson: back": "课程：上一步",
    "Lesson: show me, then next": "课程：演示，然后下一步",
    "A request arrives and starts its check goroutines. Watch for the first check that has to wait at its send.":
        "一个请求到达并启动它的检查 goroutine。注意第一个必须在发送处等待的检查。",
    "The handler returns at the first check that fails. Watch for the first early return.":
        "handler 在第一个失败的检查处返回。注意第一次提前返回。",
    "After that return nobody receives from that request's channels. Watch for the first goroutine that can never continue.":
        "返回之后，再也没有人从这个请求的通道接收。注意第一个永远无法继续的 goroutine。",
    "Every stranded goroutine keeps its stack. Let the requests run for ten simulated seconds.":
        "每个永久阻塞的 goroutine 都保留着它的栈。让请求运行十个模拟秒。",
    "The article's fix: done and quit hold 10 values each, one for every check.":
        "文章中的修复：done 和 quit 各能容纳 10 个值，每个检查一个。",
    "A buffer too small: done holds 3 values and quit holds 1.": "缓冲太小：done 只能容纳 3 个值，quit 只能容纳 1 个。",
    "The idiomatic fix: every send also waits on ctx.Done(), which is closed when the handler returns.":
        "惯用的修复：每次发送同时等待 ctx.Done()，handler 返回时会关闭它。",
    "How many of request #{req}'s {n} checks will be stranded?": "请求 #{req} 的 {n} 个检查中有多少个会永久阻塞？",
    "How many goroutines will be stranded after ten seconds?": "十秒后会有多少个 goroutine 永久阻塞？",
    "With this code, how many goroutines will be stranded after ten seconds?": "用这段代码，十秒后会有多少个 goroutine 永久阻塞？",
    "Check {i} of request #{req} finished its work at {t} s and waits at its send: the handler takes one value at a time, and a send on an unbuffered channel waits for it.":
        "请求 #{req} 的检查 {i} 在 {t} 秒完成工作，并在发送处等待：handler 一次只取一个值，而无缓冲通道上的发送要等它来取。",
    "Request #{req}'s handler returned 403 at {t} s. From now on nobody receives from its done and quit.":
        "请求 #{req} 的 handler 在 {t} 秒返回了 403。从现在起，再也没有人从它的 done 和 quit 接收。",
    "The engine: <b>{n}</b> of request #{req}'s checks end stranded (you said {a}). Every check that finished after its handler returned blocks on a send nobody will ever receive.":
        "引擎的结果：请求 #{req} 的检查中有 <b>{n}</b> 个最终永久阻塞（你的答案是 {a}）。每个在 handler 返回之后才完成的检查，都阻塞在一个永远没人接收的发送上。",
    "The engine: <b>{n}</b> stranded after ten seconds (you said {a}). Go would hold {b} for them, and it only grows: they stay until the process dies.":
        "引擎的结果：十秒后有 <b>{n}</b> 个永久阻塞（你的答案是 {a}）。Go 会为它们占用 {b}，而且只增不减：它们会一直留到进程结束。",
    "The engine: <b>{n}</b> stranded after ten seconds (you said {a}).": "引擎的结果：十秒后有 <b>{n}</b> 个永久阻塞（你的答案是 {a}）。",
    "Nothing like that happened within a simulated minute.": "在一个模拟分钟内没有发生这样的事。",
    # the guided lesson, rebuilt on the trace's facts (lessonmode.py, lesson.py, stage.py, chart.py)
    "check {i}": "检查 {i}",
    "goroutine {g}": "goroutine {g}",
    "your guess": "你的猜测",
    "Stranded forever: ?": "永久阻塞：?",
    "Predict first: the count comes with the answer.": "先预测：答案揭晓时才显示数量。",
    "Predict first: the memory comes with the answer.": "先预测：答案揭晓时才显示内存。",
    "Predict first.": "先预测。",
    "Following request #{req}  ·  {others} other requests, {n} stranded": "跟踪请求 #{req}  ·  其他 {others} 个请求，{n} 个永久阻塞",
    "Following request #{req}": "跟踪请求 #{req}",
    "no receiver": "无接收者",
    "nobody": "无人",
    "&Follow one request": "跟踪一个请求(&F)",
    "<b>Leaks, or cannot leak?</b> Predict first: the verdict comes with the answer.":
        "<b>会泄漏，还是不会泄漏？</b>先预测：答案揭晓时才显示结论。",
    "Each request starts one check goroutine per check; its handler receives their results on done and quit (read the code). Watch the first request with a failing check.":
        "每个请求为每项检查启动一个检查 goroutine；它的 handler 从 done 和 quit 接收结果（请读代码）。注意第一个有检查失败的请求。",
    "When a check fails, what does its handler do?": "一个检查失败时，它的 handler 会怎么做？",
    "It waits until all {n} checks have reported, then returns.": "它等到全部 {n} 个检查都报告后才返回。",
    "It returns at once, while later checks are still working.": "它立即返回，而后面的检查还在工作。",
    "A check that finishes sends its result on done or quit. On an unbuffered channel a send waits until someone receives the value. Watch for the first goroutine that has to wait at its send.":
        "完成的检查把结果发送到 done 或 quit。在无缓冲通道上，发送会一直阻塞，直到有人接收这个值。注意第一个必须在发送处等待的 goroutine。",
    "Why will the first goroutine that waits at a send be waiting?": "第一个在发送处等待的 goroutine，为什么会等待？",
    "Its handler is busy with another value: it will take this one soon.": "它的 handler 正在处理另一个值：很快就会来取这个值。",
    "Its handler has already returned: nobody will ever receive the value.": "它的 handler 已经返回了：永远没有人会接收这个值。",
    "Request #{req}'s handler has returned. Its late checks finish one after another, and each tries to send its result.":
        "请求 #{req} 的 handler 已经返回。它那些晚完成的检查一个接一个地完成，每个都试图发送自己的结果。",
    "How many of request #{req}'s {n} checks will be stranded (blocked for ever)?":
        "请求 #{req} 的 {n} 个检查中，有多少个会永久阻塞（goroutine 泄漏）？",
    "None": "一个也没有",
    "Fewer than {n}": "少于 {n} 个",
    "{n} or more": "{n} 个或更多",
    "Every stranded goroutine keeps its stack (in Go at least 2 KiB) until the process exits. Now the server runs for ten simulated seconds.":
        "每个永久阻塞的 goroutine 都保留着它的栈（在 Go 里至少 2 KiB），直到进程退出。现在让服务器运行十个模拟秒。",
    "Requests arrive about {rate} a second, so about {n} in ten seconds, and about {p}% of them have a failing check. How many goroutines are stranded after ten seconds?":
        "请求每秒大约到达 {rate} 个，十秒约 {n} 个，其中约 {p}% 有检查失败。十秒后有多少个 goroutine 永久阻塞？",
    "The idiomatic fix: every send also waits on ctx.Done(), which is closed when the handler returns. A fresh run with the same requests.":
        "惯用的修复：每次发送同时等待 ctx.Done()，handler 返回时会关闭它。用同样的请求重新运行。",
    "Without a fix, ten seconds stranded {n} goroutines. With this code, how many after ten seconds?":
        "没有修复时，十秒内有 {n} 个 goroutine 永久阻塞。用这段代码，十秒后有多少个？",
    "A fresh run with the same requests: request #{req}'s handler has just returned at {t} ms with {k} of its checks still working.":
        "用同样的请求重新运行：请求 #{req} 的 handler 刚在 {t} 毫秒返回，它还有 {k} 个检查在工作。",
    "The article's fix: done holds {cd} values and quit holds {cq}.": "文章中的修复：done 能容纳 {cd} 个值，quit 能容纳 {cq} 个。",
    "What happens to those {k} checks?": "这 {k} 个检查会怎样？",
    "All of them wait for ever at their sends.": "它们全都在发送处永久阻塞。",
    "Some finish, the rest wait for ever.": "一部分完成，其余的永久阻塞。",
    "All of them finish: their values go into a buffer.": "它们全都完成：值进入了缓冲区。",
    "A buffer too small: done holds {cd} values and quit holds {cq}.": "缓冲太小：done 只能容纳 {cd} 个值，quit 只能容纳 {cq} 个。",
    "How many of those {k} checks will be stranded?": "这 {k} 个检查中有多少个会永久阻塞？",
    "Answer: <b>{n}</b>.": "答案：<b>{n}</b>。",
    "Answer: <b>{a}</b>.": "答案：<b>{a}</b>。",
    "(no prediction)": "（没有预测）",
    "Your prediction was right.": "你的预测是对的。",
    "You said: {a}.": "你的答案：{a}。",
    "No handler returned early within a simulated minute.": "在一个模拟分钟内，没有 handler 提前返回。",
    "Request #{req}'s handler returned {code} at {t} ms, at the value on {chan}":
        "请求 #{req} 的 handler 在 {t} 毫秒收到 {chan} 上的值后返回了 {code}",
    " (from check {i})": "（来自检查 {i}）",
    "{k} of its {n} checks were still working: {list}.": "它的 {n} 个检查中还有 {k} 个在工作：{list}。",
    "Every one of its checks had already reported.": "它的每个检查都已经报告过了。",
    "No goroutine waited at a send within a simulated minute.": "在一个模拟分钟内，没有 goroutine 在发送处等待。",
    "{who} of request #{req} finished its work and waits to send on {chan} at {t} ms.":
        "请求 #{req} 的{who} 完成了工作，在 {t} 毫秒等待向 {chan} 发送。",
    "Its handler returned at {r} ms: nobody will ever receive on {chan}. It is doomed to wait for ever.":
        "它的 handler 已在 {r} 毫秒返回：永远没有人会从 {chan} 接收。它注定永久阻塞。",
    "Its handler has not returned: it receives one value at a time and will take this one.":
        "它的 handler 还没有返回：它一次接收一个值，会来取这个值。",
    "<b>{s}</b> stranded after ten seconds, from {r} requests.": "十秒后，{r} 个请求留下了 <b>{s}</b> 个永久阻塞的 goroutine。",
    "Go would hold {b} for them, and it only grows: they stay until the process exits.":
        "Go 会为它们占用 {b}，而且只增不减：它们会一直留到进程退出。",
    "{g} checks finished after their handler had returned: instead of blocking, they saw ctx.Done() closed and returned.":
        "{g} 个检查在 handler 返回之后才完成：它们没有阻塞，而是看到 ctx.Done() 已关闭，于是返回了。",
    "Request #{req} settled at {t} ms: of the {k} checks still working when its handler returned,":
        "请求 #{req} 在 {t} 毫秒尘埃落定：handler 返回时还在工作的 {k} 个检查中，",
    "{b} put their value into a buffer ({where}) and finished;": "{b} 个把值放进了缓冲区（{where}）并结束；",
    "{s} are stranded: checks {list} block for ever on a send nobody will receive.":
        "{s} 个永久阻塞：检查 {list} 阻塞在一个永远没人接收的发送上。",
    "none is stranded.": "没有一个永久阻塞。",
    # capacity explorer
    "stranded goroutines per request": "每个请求永久阻塞的 goroutine",
    "Go memory after one hour at this rate": "按此速度一小时后 Go 占用的内存",
    "capacity of {name} →": "{name} 的容量 →",
    "stranded goroutines": "永久阻塞的 goroutine",
    "Go memory they hold": "它们在 Go 中占用的内存",
    "{name} (line {line})": "{name}（第 {line} 行）",
    " and ": " 和 ",
    "{r} requests": "{r} 个请求",
    "main to its return": "main 运行到返回",
    "{file}: each cell runs the program to its end ({how}) with the capacities of {axes}. Outlined: the current "
    "choice. Click a cell to use its capacities.":
        "{file}：每个格子用 {axes} 的这些容量把程序运行到结束（{how}）。带框的是当前选择。点击格子即可使用它的容量。",
    "This program makes no channel: no capacity to explore.": "这个程序没有创建通道：没有可以探索的容量。",
    "leakviz: capacity explorer": "leakviz：容量探索",
    "Computing… {k} cells to go.": "计算中…还剩 {k} 个格子。",
    "Capacity &explorer…": "容量探索(&E)…",
    "Drag to any moment of the run; ← and → step one event back and forward.\nRed: the first stranded goroutine. Orange ticks: handlers returning early. Blue: a setting changed mid-run.":
        "拖动到运行中的任意时刻；← 和 → 后退或前进一个事件。\n红色：第一个永久阻塞的 goroutine。橙色刻度：handler 提前返回。蓝色：运行中修改了设置。",
    # the shipped Go examples' titles and captions (goplay/catalog.py, context "Examples"; the Examples menu)
    "The first failing check returns early; every check that finishes later blocks on done or quit for ever.":
        "第一个失败的检查导致提前返回；之后完成的每个检查都会永远阻塞在 done 或 quit 上。",
    "The article's handler over HTTP": "文章中的 HTTP handler",
    "func(w http.ResponseWriter, r *http.Request): leakviz sends it requests at the chosen rate; main is not run.":
        "func(w http.ResponseWriter, r *http.Request)：leakviz 按设定速率向它发送请求；不运行 main。",
    "Fix over HTTP: select on r.Context().Done()": "HTTP 修复：select r.Context().Done()",
    "Each send also waits on the request's context, which net/http cancels when the handler returns.":
        "每次发送同时等待请求的 context，handler 返回时 net/http 会取消它。",
    "Fix: buffered channels": "修复：带缓冲的通道",
    "Room for every check in done and quit: a send never waits.": "done 和 quit 能容纳所有检查的结果：发送永远不用等待。",
    "Fix: select on ctx.Done()": "修复：select ctx.Done()",
    "Each send also waits on ctx.Done(), which the handler cancels when it returns.":
        "每次发送同时等待 ctx.Done()，handler 返回时会取消它。",
    "Fix: drain the rest": "修复：接收剩余结果",
    "On the early return a goroutine receives every result still to come.": "提前返回时，由一个 goroutine 接收剩下的所有结果。",
    "No close: range waits for ever": "没有 close：range 永远等待",
    "The consumer ranges over jobs; the producer never closes it.": "消费者对 jobs 做 range；生产者从不关闭它。",
    "Fix: close when done": "修复：发送完就 close",
    "The producer closes jobs after the last one; each range ends.": "生产者发送完最后一个任务后关闭 jobs；每个 range 都会结束。",
    "Method contract: Stop not called": "方法约定：没有调用 Stop",
    "A Poller must be stopped; callers that forget leave its loop blocked.": "Poller 必须被停止；忘记调用的地方会让它的循环一直阻塞。",
    "Fix: defer p.Stop()": "修复：defer p.Stop()",
    "Every caller keeps the contract.": "每个调用者都遵守约定。",
    "Double send": "重复发送",
    "On an error the worker sends twice; the caller receives once.": "出错时 worker 发送了两次；调用者只接收一次。",
    "Fix: return after the error": "修复：报错后 return",
    "Every path sends exactly once.": "每条路径只发送一次。",
    "Early return": "提前返回",
    "The caller returns on a bad input before receiving the worker's answer.": "调用者在输入错误时提前返回，没有接收 worker 的结果。",
    "Fix: one slot of buffer": "修复：一个缓冲位",
    "The worker's one send always completes.": "worker 的那一次发送总能完成。",
    "A lock never released": "一直没有释放的锁",
    "A writer returns early holding a global lock; every later reader blocks for ever, yet Go's leak profile reports none: the lock is still reachable.":
        "写入者持有全局锁时提前返回；之后每个读取者都永久阻塞，但 Go 的泄漏分析一个也不报告：锁仍然可达。",
    "Fix: defer mu.Unlock()": "修复：defer mu.Unlock()",
    "Every return releases the lock.": "每次返回都会释放锁。",
    "N-cast: first answer wins": "N 路广播：只取第一个答案",
    "Ask N replicas, take the first answer; the other N-1 wait to send for ever.": "询问 N 个副本，只取第一个答案；其余 N-1 个永远等着发送。",
    "Fix: room for every answer": "修复：为每个答案留位置",
    "A buffer of N lets the late replicas finish.": "容量为 N 的缓冲让迟到的副本也能结束。",
    "Timeout": "超时",
    "The caller stops waiting after 3 ms; a slow worker then waits to send for ever.":
        "调用者 3 毫秒后不再等待；慢的 worker 之后永远等着发送。",
    "Fix: buffered result": "修复：带缓冲的结果",
    "A late worker's send lands in the buffer.": "迟到的 worker 的发送进入缓冲。",
    # the dump window (issue 14)
    "leakviz: a Go program's goroutines": "leakviz：一个 Go 程序的 goroutine",
    "a dump file, or http://127.0.0.1:6060/debug/pprof/goroutine?debug=2":
        "一个转储文件，或 http://127.0.0.1:6060/debug/pprof/goroutine?debug=2",
    "Open dump…": "打开转储…",
    "Open &dump…": "打开转储(&D)…",
    "Watch": "持续观察",
    "For a URL: poll it and flag the groups that only grow": "对 URL：定期轮询，并标出只增不减的分组",
    "Read": "读取",
    "count": "数量",
    "wait reason": "等待原因",
    "longest": "最久",
    "blocks at": "阻塞位置",
    "created by": "创建者",
    "stacks": "栈数",
    "unknown": "未知",
    "Open a goroutine dump": "打开 goroutine 转储",
    "Goroutine dumps (*.txt *.log *.json);;All files (*)": "goroutine 转储 (*.txt *.log *.json);;所有文件 (*)",
    "Name a dump file or a URL.": "请填写一个转储文件或 URL。",
    "Watch needs a URL like http://127.0.0.1:6060/debug/pprof/goroutine?debug=2":
        "持续观察需要一个 URL，例如 http://127.0.0.1:6060/debug/pprof/goroutine?debug=2",
    "The service is not answering: {e} (still polling)": "服务没有响应：{e}（仍在轮询）",
    "{form}: {n} goroutines in {g} groups; Go holds ~{mem} for them ({each} B each, modelled){prob}":
        "{form}：{n} 个 goroutine，分为 {g} 组；Go 为它们占用约 {mem}（每个 {each} B，按模型估算）{prob}",
    "; {n} problems, first: {p}": "；{n} 个问题，第一个：{p}",
    "Damaged dump, read as far as it is valid: {p}": "转储已损坏，已读取到仍然有效的位置：{p}",
    "Source of {f} not found (give its folder with --src); its stack:": "找不到 {f} 的源代码（用 --src 指定其目录）；它的调用栈：",
    "LEAKING {site}: +{rate}/s, {n} in an hour ({mem}){ok}": "正在泄漏 {site}：+{rate}/秒，一小时 {n} 个（{mem}）{ok}",
    " — Go agrees (goroutineleak)": " — Go 也这样认为（goroutineleak）",
    "Watch a URL to chart its goroutines over time.": "持续观察一个 URL，即可画出其 goroutine 随时间的变化。",
    "Not answering: {e} (still polling)": "没有响应：{e}（仍在轮询）",
    # desktop: settings, recent files, video (issue 15)
    "The settings file could not be read and was set aside: starting with the defaults.":
        "无法读取设置文件，已将其移到一旁：使用默认设置启动。",
    "Export the last seconds as &video (MP4/WebM)…": "将最近几秒导出为视频（MP4/WebM）(&V)…",
    "Open &Recent": "最近打开(&R)",
    "MP4 videos, H.264 (*.mp4)": "MP4 视频，H.264 (*.mp4)",
    "WebM videos, VP9 (*.webm)": "WebM 视频，VP9 (*.webm)",
    "This file no longer exists: {p}": "这个文件已不存在：{p}",
    "No recent files": "没有最近打开的文件",
    "&Clear the list": "清空列表(&C)",
    "A video's name must end in .mp4 or .webm: {p}": "视频文件名必须以 .mp4 或 .webm 结尾：{p}",
    "An export is already running.": "已有一个导出正在进行。",
    "Making the video…": "正在生成视频…",
    "Export video": "导出视频",
    "Video export cancelled.": "已取消视频导出。",
    # Go window (gostage.py)
    "Go source": "Go 源代码",
    "The program's Go source as it runs. A red line has stranded goroutines blocked on it (the count in the margin); a dial change shows here as edited source.":
        "正在运行的程序的 Go 源代码。红色的行表示有永久阻塞的 goroutine 停在这里（数量在右侧）；调整容量后，这里显示修改后的源代码。",
    "Stage: goroutines by the go statement that started them": "舞台：按启动它们的 go 语句分组的 goroutine",
    "Open a Go file (File > Open Go…) or an example.": "打开一个 Go 文件（文件 > 打开 Go…）或一个示例。",
    "running": "运行中",
    "sleeping": "休眠中",
    "blocked": "阻塞",
    "stranded": "永久阻塞",
    "{n} started · {b} blocked · {s} stranded · {f} finished": "启动 {n} · 暂时阻塞 {b} · 永久阻塞 {s} · 结束 {f}",
    "Finished lanes (folded): {lanes}": "已结束的泳道（折叠）：{lanes}",
    "unbuffered": "无缓冲",
    "  closed": "  已关闭",
    "{n} waiting to send": "{n} 个等待发送",
    "{n} waiting to receive": "{n} 个等待接收",
    "{n} waiting": "{n} 个在等待",
    "Stranded: {n}": "永久阻塞：{n}",
    "Nothing stranded": "没有永久阻塞的 goroutine",
    "leakviz: a Go program": "leakviz：一个 Go 程序",
    "Open &Go…": "打开 Go(&G)…",
    "&Examples": "示例(&E)",
    "&Close": "关闭(&C)",
    "Channel capacities": "通道容量",
    "One dial per make(chan T, n) in the source; a change edits that constant and runs the program again.":
        "源代码中每个 make(chan T, n) 对应一个调节器；修改它会改写那个常量并重新运行程序。",
    "Play": "播放",
    "Step": "单步",
    "Reset": "重置",
    "Timeline": "时间轴",
    "Capacity of {name} at {site}": "{site} 处 {name} 的容量",
    "make(chan {elem}, n) at {site}: changing n edits the source and runs again.":
        "{site} 处的 make(chan {elem}, n)：修改 n 会改写源代码并重新运行。",
    "Cannot run this Go: {where}: {reason}": "无法运行这段 Go：{where}：{reason}",
    "Unsupported Go at line {line}, column {col}: {reason}": "第 {line} 行第 {col} 列的 Go 不受支持：{reason}",
    "Cannot run this Go: {reason}": "无法运行这段 Go：{reason}",
    "The program stopped: {reason}": "程序已终止：{reason}",
    "exit status {code}": "退出状态 {code}",
    "<b>{s}</b> stranded<br>{b} blocked<br>{l} alive<br>{n} started": "永久阻塞 <b>{s}</b><br>暂时阻塞 {b}<br>存活 {l}<br>启动 {n}",
    " (end)": "（结束）",
    "Pause": "暂停",
    "Open Go": "打开 Go",
    "Go source (*.go)": "Go 源代码 (*.go)",
    "PNG image (*.png)": "PNG 图片 (*.png)",
    "+{k} more lanes with {n} goroutines": "另有 {k} 条泳道，共 {n} 个 goroutine",
    "(the 4 biggest of {k} blocking lines)": "（{k} 个阻塞位置中最大的 4 个）",
    "simulated requests (main is not run)": "模拟请求（不运行 main）",
    "one goroutine per request, as net/http starts": "每个请求一个 goroutine，与 net/http 相同",
    "Replay an access &log…": "重放访问日志(&L)…",
    "Made-up &requests": "模拟请求(&R)",
    "Clients from": "客户端来自",
    "Path": "路径",
    "Networks the clients come from, each with its share in %, e.g. 203.0.113.0/24=25, 10.0.0.0/8":
        "客户端所在的网络及各自的请求占比（%），例如 203.0.113.0/24=25, 10.0.0.0/8",
    "Replaying the access log {name}": "正在重放访问日志 {name}",
    " through the server main starts": "，经由 main 启动的服务器",
    "Replay an access log": "重放访问日志",
    "Access logs (*.log *.txt access*);;All files (*)": "访问日志 (*.log *.txt access*);;所有文件 (*)",
    "Nothing serves requests here: no http.ListenAndServe in main and no func(w http.ResponseWriter, "
    "r *http.Request).": "这里没有处理请求的代码：main 中没有 http.ListenAndServe，也没有 "
    "func(w http.ResponseWriter, r *http.Request)。",
    "The path": "路径",
    " (and {n} more, listed above)": "（另有 {n} 处，见上方列表）",
    "The article's handler": "文章中的处理函数",
    "The handler with the context fix": "采用 context 修复的处理函数",
    "The handler with the stop-channel fix": "采用停止通道修复的处理函数",
    "The handler with the draining fix": "采用排空修复的处理函数",
    "{handler} in gateway.go": "gateway.go 中的{handler}",
    "{handler}, {n} checks, the current failure pattern: each cell is the engine run on {r} requests with those "
    "capacities. Hatched: cannot leak, whatever fails. Green: none stranded in these {r} requests (another failure "
    "pattern can strand some). Memory: at the rate of these {r} requests; the window's is over its last 2 s, so the "
    "two differ by chance. Outlined: the current choice. Click a cell to use its capacities.":
        "{handler}，{n} 个检查，当前的失败模式：每个格子是用这些容量在 {r} 个请求上运行引擎的结果。斜线：无论哪个检查失败都不会泄漏。"
        "绿色：这 {r} 个请求中没有永久阻塞的 goroutine（换一种失败模式仍可能有）。内存：按这 {r} 个请求的速度计算；"
        "主窗口按最近 2 秒计算，所以两者会随机地有所不同。粗框：当前的选择。点击格子即可使用它的容量。",
    "A test of package {package}, run as leakviz test runs it on the schedule of seed {seed}: what it leaves "
    "blocked for ever is stranded here.":
        "包 {package} 的一个测试，按 leakviz test 的方式在种子 {seed} 的调度上运行：它留下的永远阻塞的 goroutine 在此显示为滞留。",
    "An HTTP handler is called once per simulated request, each on its own goroutine as net/http does; main is not run.":
        "每个模拟请求调用一次 HTTP handler，像 net/http 一样各自在自己的 goroutine 中运行；不运行 main。",
    "Handler": "处理函数",
    "Request rate": "请求速率",
    "Requests per second": "每秒请求数",
    "No handler {name}(w http.ResponseWriter, r *http.Request) in {file}":
        "{file} 中没有处理函数 {name}(w http.ResponseWriter, r *http.Request)",
    "leakviz: compare two Go programs": "leakviz：对比两个 Go 程序",
    "<b>{s}</b> stranded, {n} started": "永久阻塞 <b>{s}</b>，启动 {n}",
    "Compare &with…": "对比(&W)…",
    "Compare with its &fix": "与修复版对比(&F)",
    "Compare with": "对比",
    "Back": "后退",
    "Save Go &run…": "保存 Go 运行(&R)…",
    "Save Go run": "保存 Go 运行",
    "leakviz Go runs (*.leakviz-go)": "leakviz Go 运行 (*.leakviz-go)",
    "Go source or saved Go run (*.go *.leakviz-go)": "Go 源代码或保存的 Go 运行 (*.go *.leakviz-go)",
    "Go e&xamples": "Go 示例(&X)",
    "{n} blocked": "阻塞 {n}",
    "{n} finished": "结束 {n}",
    "{n} started": "启动 {n}",
    "Nothing to export: no program has run.": "没有可导出的内容：还没有运行任何程序。",
    "Export &CSV…": "导出 &CSV…",
    "Export &JSON…": "导出 &JSON…",
    # the Go window's moving exports
    "Export as a &GIF…": "导出为 GIF 动画(&G)…",
    "Export as an MP4 &video…": "导出为 MP4 视频(&V)…",
    "Export as a &WebM video…": "导出为 WebM 视频(&W)…",
    "Export cancelled.": "已取消导出。",
    "held by goroutine {g}": "由 goroutine {g} 持有",
    # play the scheduler (gui/play.py)
    "Play the &scheduler": "扮演调度器(&S)",
    "Play the scheduler plays the article's handler: choose a preset first.": "扮演调度器使用文章中的处理函数：请先选择一个预设。",
    "Play the scheduler scripts each check's time and result: it plays the Python transcription of this handler.":
        "扮演调度器为每个检查指定耗时和结果：它运行这个处理函数的 Python 转写版本。",
    "<b>Stranded, or not?</b> Predict first: the engine answers when it has run.": "<b>会不会永久阻塞？</b>先预测：引擎运行完后给出答案。",
    "Play the scheduler": "扮演调度器",
    "One request, {n} checks: choose what each sends and when it finishes. done holds {cd}, quit {cq}.":
        "一个请求，{n} 个检查：为每个检查选择它发送什么、第几个完成。done 可缓存 {cd} 个值，quit 可缓存 {cq} 个。",
    "(The window has {m} checks: a class plays {n}.)": "（窗口设置了 {m} 个检查：课堂上只玩 {n} 个。）",
    "check": "检查",
    "sends on": "发送到",
    "finishes": "完成顺序",
    "Passes: sends on done. Fails: sends on quit. Space or Enter switches.": "通过：发送到 done。失败：发送到 quit。按空格或回车切换。",
    "Stranded: blocked for ever": "永久阻塞",
    "How many checks will be stranded (blocked for ever)?": "会有几个检查永久阻塞？",
    "Run ▶": "运行 ▶",
    "Run this request on the engine and watch (Enter)": "在引擎上运行这个请求并观看（回车）",
    "Random schedule": "随机调度",
    "Close": "关闭",
    "Explorer at done {cd} × quit {cq}": "容量探索器：done {cd} × quit {cq}",
    "All schedules of {n} checks, by how many checks they strand:": "{n} 个检查的所有调度，按永久阻塞的检查个数统计：",
    "The engine stranded <b>{k}</b> of the {n} checks: {list}.": "引擎让 {n} 个检查中的 <b>{k}</b> 个永久阻塞：{list}。",
    "The engine stranded <b>none</b> of the {n} checks.": "引擎没有让 {n} 个检查中的<b>任何一个</b>永久阻塞。",
    "<span style='color:{c}'>Your prediction, {g}, was right.</span>": "<span style='color:{c}'>你预测的 {g} 是对的。</span>",
    "You said {g}.": "你预测的是 {g}。",
    "Of all {total} (2<sup>{n}</sup> outcomes × {n}! orders): <b>{same}</b> strand {k} as this one did; {none} strand none.":
        "在全部 {total} 种调度中（2<sup>{n}</sup> 种结果 × {n}! 种顺序）：<b>{same}</b> 和这次一样有 {k} 个永久阻塞；{none} 没有任何阻塞。",
    "<b>At these capacities every schedule is safe.</b>": "<b>在这样的容量下，每种调度都不会泄漏。</b>",
    "Every schedule is safe only from done {sd}, quit {sq}: the first check to finish may fail, and all the others then send on one channel.":
        "只有 done 至少 {sd}、quit 至少 {sq} 时，每种调度才都不会泄漏：第一个完成的检查可能失败，其余的检查随后都发送到同一个通道。",
    "goroutine {n} (main)":
        "goroutine {n}（main）",
    "goroutine {n} (started at {site})":
        "goroutine {n}（启动于 {site}）",
    "it sends on {chans}":
        "它向 {chans} 发送",
    "it receives from {chans}":
        "它从 {chans} 接收",
    "a select on {chans}":
        "在 {chans} 上 select",
    "it waits in {op}":
        "它在 {op} 中等待",
    "A goroutine runs until it has to wait: for a value on a channel, a lock, others to finish. The run stops at the first goroutine of the program that blocks.":
        "goroutine 一直运行，直到它必须等待：等通道上的值、等锁、等其他 goroutine 完成。运行停在程序中第一个阻塞的 goroutine 处。",
    "No goroutine of the program blocks.":
        "程序中没有 goroutine 阻塞。",
    "{who} blocks at {where}: {what}. Will it ever go on?":
        "{who} 阻塞在 {where}：{what}。它还会继续运行吗？",
    "Yes: another goroutine will take part, and it goes on.":
        "会：另一个 goroutine 会参与这次操作，它随后继续运行。",
    "No: nothing left will ever wake it.":
        "不会：再也没有什么能唤醒它。",
    "Run on. A goroutine is stranded when nothing that can still run reaches what it waits on (Go's leak rule): nobody can ever wake it.":
        "继续运行。当任何仍能运行的东西都无法触及它所等待的对象时（Go 的泄漏规则），goroutine 就永久阻塞了：没有谁能再唤醒它。",
    "What will the first stranded goroutine be blocked on?":
        "第一个永久阻塞的 goroutine 会阻塞在什么操作上？",
    "A send: nobody will receive.":
        "发送：没有人会接收。",
    "A receive: nobody will send or close.":
        "接收：没有人会发送或关闭。",
    "A select, a lock or another wait.":
        "select、锁或其他等待。",
    "Nothing: no goroutine is stranded.":
        "没有：没有 goroutine 永久阻塞。",
    "Now the program runs to its end (at most a simulated minute). A stranded goroutine keeps its stack and all it references until the process exits.":
        "现在程序运行到结束（最多模拟一分钟）。永久阻塞的 goroutine 会一直占着它的栈和它引用的一切，直到进程退出。",
    "How many goroutines will be stranded when the program has ended?":
        "程序结束时，会有多少个 goroutine 永久阻塞？",
    "No goroutine of the program blocked within a simulated minute.":
        "模拟的一分钟内，程序中没有 goroutine 阻塞。",
    "{who} went on at {t} ms: another goroutine completed the operation with it. Waiting is not leaking.":
        "{who} 在 {t} ms 继续运行：另一个 goroutine 与它完成了这次操作。等待不等于泄漏。",
    "{who} can never go on: at {t} ms Go's leak rule found that nothing that can still run reaches what it waits on. It is stranded.":
        "{who} 再也无法继续：在 {t} ms，Go 的泄漏规则发现任何仍能运行的东西都无法触及它所等待的对象。它永久阻塞了。",
    "The program ended at {t} ms with {who} still blocked: it never went on, though Go's leak profile does not report it (what it waits on is still reachable).":
        "程序在 {t} ms 结束时，{who} 仍在阻塞：它再也没有继续，但 Go 的泄漏 profile 不会报告它（它所等待的对象仍可被访问到）。",
    "No goroutine was stranded.":
        "没有 goroutine 永久阻塞。",
    "{who} has waited at {where} since {since} ms ({what}); at {t} ms Go's leak rule found it stranded.":
        "{who} 从 {since} ms 起在 {where} 等待（{what}）；在 {t} ms，Go 的泄漏规则判定它永久阻塞。",
    "<b>{s}</b> stranded when the program ended at {t} ms.":
        "程序在 {t} ms 结束时，有 <b>{s}</b> 个永久阻塞。",
    "<b>{s}</b> stranded after a simulated minute (the program has not ended).":
        "模拟一分钟后，有 <b>{s}</b> 个永久阻塞（程序尚未结束）。",
    "{n} at {where} ({what}).":
        "{n} 个在 {where}（{what}）。",
    "{m} more were still blocked when it ended: they can never continue either, but Go's profile does not report them.":
        "程序结束时另有 {m} 个仍在阻塞：它们同样再也无法继续，但 Go 的 profile 不会报告它们。",
    "in the code: checks 0–9, the handler H":
        "代码中：检查 0–9，处理函数 H",
    "A buffer lets a send finish with nobody receiving yet. The leak's channels: {where}.":
        "缓冲让发送在还没有人接收时也能完成。这次泄漏涉及的通道：{where}。",
    "Would a big enough buffer on them stop the leak?":
        "给它们足够大的缓冲，能阻止泄漏吗？",
    "Yes: with enough slots, nobody waits for ever.":
        "能：槽位足够时，没有谁会永久等待。",
    "No: the fix is in the code (a receiver, ctx.Done(), a close).":
        "不能：要在代码里修复（一个接收者、ctx.Done()、一次 close）。",
    "There is no leak to fix.":
        "没有需要修复的泄漏。",
    "Nothing is stranded: this program does not leak.":
        "没有 goroutine 永久阻塞：这个程序没有泄漏。",
    "With capacity {n} for {names}, the same run strands nothing (the verdict says so too; F9: its dials).":
        "把 {names} 的容量设为 {n} 时，同一次运行中没有 goroutine 永久阻塞（结论面板也这么说；F9：它的旋钮）。",
    "No capacity up to {most} for {names} helps: whatever the buffer, these goroutines still block. The fix is in the code.":
        "{names} 的容量直到 {most} 都无济于事：无论缓冲多大，这些 goroutine 仍会阻塞。要在代码里修复。",
    "The goroutines that can never continue wait on nothing a buffer can widen (a lock, a WaitGroup, a channel the program does not make): the fix is in the code.":
        "永远无法继续的 goroutine 等待的不是缓冲能扩大的东西（锁、WaitGroup、不是程序自己创建的通道）：要在代码里修复。",
    "This run started {n} goroutines: too many to run again with each capacity here. The capacity explorer (Ctrl+E) grids them.":
        "这次运行启动了 {n} 个 goroutine：太多了，无法在这里按每个容量各重跑一次。容量探索器（Ctrl+E）可以逐格计算。",
    "No request has arrived yet": "还没有请求到达",
    "{n} request(s)": "{n} 个请求",
    "Opened {p}: running it again to {t} s, where it was saved…": "已打开 {p}：正在重新运行到保存时的 {t} 秒…",
    "Opened {p}: at {t} s, as it was saved. Drag the timeline to replay it, or play on.":
        "已打开 {p}：停在保存时的 {t} 秒。拖动时间轴即可回放，也可以继续运行。",
    "Presenter mode (F5)": "演示模式（F5）",
}

