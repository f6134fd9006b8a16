<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CapacityGrid</name>
    <message>
        <location filename="../explorer.py" line="101"/>
        <source>stranded goroutines per request</source>
        <translation>每个请求永久阻塞的 goroutine</translation>
    </message>
    <message>
        <location filename="../explorer.py" line="101"/>
        <source>Go memory after one hour at this rate</source>
        <translation>按此速度一小时后 Go 占用的内存</translation>
    </message>
    <message>
        <location filename="../explorer.py" line="102"/>
        <source>stranded goroutines</source>
        <translation>永久阻塞的 goroutine</translation>
    </message>
    <message>
        <location filename="../explorer.py" line="102"/>
        <source>Go memory they hold</source>
        <translation>它们在 Go 中占用的内存</translation>
    </message>
    <message>
        <location filename="../explorer.py" line="116"/>
        <source>capacity of {name} →</source>
        <translation>{name} 的容量 →</translation>
    </message>
</context>
<context>
    <name>CodeView</name>
    <message>
        <location filename="../codeview.py" line="156"/>
        <source>The Go code of the running handler. A highlighted line has goroutines blocked on it right now; red when they can never continue.</source>
        <translation>正在运行的 handler 的 Go 代码。高亮的行表示此刻有 goroutine 阻塞在这里；红色表示它们永远无法继续。</translation>
    </message>
    <message>
        <location filename="../codeview.py" line="316"/>
        <source>earlier code (requests before #{n}):</source>
        <translation>先前的代码（#{n} 之前的请求）：</translation>
    </message>
    <message>
        <location filename="../codeview.py" line="348"/>
        <source>⋮ lines 1–{b} above</source>
        <translation>⋮ 上方第 1–{b} 行</translation>
    </message>
    <message>
        <location filename="../codeview.py" line="351"/>
        <source>⋮ lines {a}–{b} below</source>
        <translation>⋮ 下方第 {a}–{b} 行</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <location filename="../compare.py" line="136"/>
        <source>leakviz: compare on the same requests</source>
        <translation>leakviz：在相同请求上比较</translation>
    </message>
    <message>
        <location filename="../compare.py" line="169"/>
        <source>Presenter mode (F5)</source>
        <translation>演示模式（F5）</translation>
    </message>
    <message>
        <location filename="../compare.py" line="184"/>
        <source>stranded: {n}</source>
        <translation>永久阻塞：{n}</translation>
    </message>
    <message>
        <location filename="../compare.py" line="189"/>
        <source>Pause ❚❚</source>
        <translation>暂停 ❚❚</translation>
    </message>
    <message>
        <location filename="../compare.py" line="189"/>
        <source>Play ▶</source>
        <translation>播放 ▶</translation>
    </message>
</context>
<context>
    <name>ControlPanel</name>
    <message>
        <location filename="../controls.py" line="149"/>
        <source>&amp;Preset</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <location filename="../controls.py" line="149"/>
        <source>Start from a named scenario: the article&apos;s bug, its fix, a buffer too small, or the idiomatic context fix.</source>
        <translation>从一个命名场景开始：文章中的 bug、它的修复、太小的缓冲，或惯用的 context 修复。</translation>
    </message>
    <message>
        <location filename="../controls.py" line="151"/>
        <source>&amp;Handler</source>
        <translation>处理函数(&amp;H)</translation>
    </message>
    <message>
        <location filename="../controls.py" line="144"/>
        <source>the article&apos;s (the bug)</source>
        <translation>文章中的（有 bug）</translation>
    </message>
    <message>
        <location filename="../controls.py" line="144"/>
        <source>context fix</source>
        <translation>context 修复</translation>
    </message>
    <message>
        <location filename="../controls.py" line="145"/>
        <source>stop-channel fix</source>
        <translation>停止通道修复</translation>
    </message>
    <message>
        <location filename="../controls.py" line="145"/>
        <source>draining fix</source>
        <translation>排空修复</translation>
    </message>
    <message>
        <location filename="../controls.py" line="151"/>
        <source>The article&apos;s code, or one of its fixes: each send also selects on ctx.Done(); each send selects on a stop channel closed on return; a goroutine receives the rest.</source>
        <translation>文章中的代码，或它的一种修复：每次发送同时 select ctx.Done()；每次发送同时 select 一个在返回时关闭的 stop 通道；由一个 goroutine 接收剩余结果。</translation>
    </message>
    <message>
        <location filename="../controls.py" line="154"/>
        <source>&amp;Checks per request</source>
        <translation>每个请求的检查数(&amp;C)</translation>
    </message>
    <message>
        <location filename="../controls.py" line="154"/>
        <source>How many check goroutines each request starts.</source>
        <translation>每个请求启动多少个检查 goroutine。</translation>
    </message>
    <message>
        <location filename="../controls.py" line="155"/>
        <source>Capacity of &amp;done</source>
        <translation>done 的容量(&amp;D)</translation>
    </message>
    <message>
        <location filename="../controls.py" line="155"/>
        <source>make(chan bool, N) for done. 0 is the bug.</source>
        <translation>done 的 make(chan bool, N)。0 就是那个 bug。</translation>
    </message>
    <message>
        <location filename="../controls.py" line="156"/>
        <source>Capacity of &amp;quit</source>
        <translation>quit 的容量(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../controls.py" line="156"/>
        <source>make(chan bool, N) for quit. 0 is the bug.</source>
        <translation>quit 的 make(chan bool, N)。0 就是那个 bug。</translation>
    </message>
    <message>
        <location filename="../controls.py" line="157"/>
        <source>Request &amp;rate</source>
        <translation>请求速率(&amp;R)</translation>
    </message>
    <message>
        <location filename="../controls.py" line="157"/>
        <source>Requests per simulated second.</source>
        <translation>每个模拟秒到达的请求数。</translation>
    </message>
    <message>
        <location filename="../controls.py" line="158"/>
        <source>&amp;Failure probability</source>
        <translation>失败概率(&amp;F)</translation>
    </message>
    <message>
        <location filename="../controls.py" line="158"/>
        <source>Chance that each check other than bad_ip fails on a request.</source>
        <translation>除 bad_ip 以外，每个检查在一个请求上失败的概率。</translation>
    </message>
    <message>
        <location filename="../controls.py" line="160"/>
        <source>Share of &amp;bad IPs</source>
        <translation>恶意 IP 比例(&amp;B)</translation>
    </message>
    <message>
        <location filename="../controls.py" line="160"/>
        <source>Share of requests from a blocked IP: check 0 (bad_ip, the article&apos;s) fails.</source>
        <translation>来自被封禁 IP 的请求比例：这些请求的检查 0（bad_ip，即文章中的检查）会失败。</translation>
    </message>
    <message>
        <location filename="../controls.py" line="162"/>
        <source>Always &amp;failing checks</source>
        <translation>总是失败的检查(&amp;A)</translation>
    </message>
    <message>
        <location filename="../controls.py" line="162"/>
        <source>Optional: 0-based check indices that fail on every request, e.g. 0,9. Empty: drawn from the probabilities above.</source>
        <translation>可选：在每个请求上都失败的检查编号（从 0 开始），例如 0,9。留空：按上面的概率随机抽取。</translation>
    </message>
    <message>
        <location filename="../controls.py" line="165"/>
        <source>&amp;Overlapping requests</source>
        <translation>请求重叠(&amp;O)</translation>
    </message>
    <message>
        <location filename="../controls.py" line="165"/>
        <source>Requests arrive at the rate whether or not earlier ones were answered.</source>
        <translation>无论之前的请求是否已响应，请求都按速率到达。</translation>
    </message>
    <message>
        <location filename="../controls.py" line="167"/>
        <source>S&amp;eed</source>
        <translation>随机种子(&amp;E)</translation>
    </message>
    <message>
        <location filename="../controls.py" line="167"/>
        <source>Same seed, same requests, same run. Changing it starts over.</source>
        <translation>相同的种子，相同的请求，相同的运行。修改它会重新开始。</translation>
    </message>
    <message>
        <location filename="../controls.py" line="168"/>
        <source>Spee&amp;d</source>
        <translation>速度(&amp;S)</translation>
    </message>
    <message>
        <location filename="../controls.py" line="168"/>
        <source>Simulated seconds per wall-clock second; max runs as fast as the machine can.</source>
        <translation>每个真实秒对应的模拟秒数；max 表示机器能跑多快就跑多快。</translation>
    </message>
    <message>
        <location filename="../controls.py" line="170"/>
        <source>Handler</source>
        <translation>处理函数</translation>
    </message>
    <message>
        <location filename="../controls.py" line="170"/>
        <source>The func(w http.ResponseWriter, r *http.Request) each simulated request calls, on its own goroutine as net/http does.</source>
        <translation>每个模拟请求调用的 func(w http.ResponseWriter, r *http.Request)，像 net/http 一样各在自己的 goroutine 上运行。</translation>
    </message>
    <message>
        <location filename="../controls.py" line="173"/>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <location filename="../controls.py" line="173"/>
        <source>How many simulated requests the handler is sent.</source>
        <translation>发给该处理函数的模拟请求数。</translation>
    </message>
    <message>
        <location filename="../controls.py" line="174"/>
        <source>Requests per second</source>
        <translation>每秒请求数</translation>
    </message>
    <message>
        <location filename="../controls.py" line="174"/>
        <source>Simulated requests per simulated second.</source>
        <translation>每个模拟秒的模拟请求数。</translation>
    </message>
    <message>
        <location filename="../controls.py" line="175"/>
        <source>Clients from</source>
        <translation>客户端来自</translation>
    </message>
    <message>
        <location filename="../controls.py" line="175"/>
        <source>Networks the clients come from, each with its share in %, e.g. 203.0.113.0/24=25, 10.0.0.0/8 (empty: 10.0.x.y).</source>
        <translation>客户端来自的网络及各自所占百分比，例如 203.0.113.0/24=25, 10.0.0.0/8（留空：10.0.x.y）。</translation>
    </message>
    <message>
        <location filename="../controls.py" line="178"/>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location filename="../controls.py" line="178"/>
        <source>The path (and ?query) every request asks for.</source>
        <translation>每个请求访问的路径（以及 ?查询参数）。</translation>
    </message>
    <message>
        <location filename="../controls.py" line="187"/>
        <source>Capacity of {name} (line {line})</source>
        <translation>{name} 的容量（第 {line} 行）</translation>
    </message>
    <message>
        <location filename="../controls.py" line="188"/>
        <source>make(chan T, N) for {name} at line {line}: a change applies to channels made from now on, as a redeploy would.</source>
        <translation>第 {line} 行 {name} 的 make(chan T, N)：修改只影响此后创建的通道，就像重新部署一样。</translation>
    </message>
    <message>
        <location filename="../controls.py" line="192"/>
        <source>e.g. 0,9 (empty: drawn)</source>
        <translation>例如 0,9（留空：随机）</translation>
    </message>
    <message>
        <location filename="../controls.py" line="193"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../controls.py" line="196"/>
        <source>max</source>
        <translation>最快</translation>
    </message>
    <message>
        <location filename="../controls.py" line="302"/>
        <source>Failing checks must be numbers separated by commas, like 0,9.</source>
        <translation>失败的检查必须是用逗号分隔的数字，例如 0,9。</translation>
    </message>
    <message>
        <location filename="../controls.py" line="311"/>
        <source>Check {i} does not exist: checks are numbered 0 to {last}.</source>
        <translation>检查 {i} 不存在：检查编号为 0 到 {last}。</translation>
    </message>
</context>
<context>
    <name>DumpWindow</name>
    <message>
        <location filename="../dumpview.py" line="185"/>
        <source>leakviz: a Go program&apos;s goroutines</source>
        <translation>leakviz：一个 Go 程序的 goroutine</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="196"/>
        <source>a dump file, or http://127.0.0.1:6060/debug/pprof/goroutine?debug=2</source>
        <translation>一个转储文件，或 http://127.0.0.1:6060/debug/pprof/goroutine?debug=2</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="198"/>
        <source>Open dump…</source>
        <translation>打开转储…</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="200"/>
        <source>Watch</source>
        <translation>持续观察</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="201"/>
        <source>For a URL: poll it and flag the groups that only grow</source>
        <translation>对 URL：定期轮询，并标出只增不减的分组</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="206"/>
        <source>Read</source>
        <translation>读取</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="219"/>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="219"/>
        <source>wait reason</source>
        <translation>等待原因</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="219"/>
        <source>longest</source>
        <translation>最久</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="220"/>
        <source>blocks at</source>
        <translation>阻塞位置</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="220"/>
        <source>created by</source>
        <translation>创建者</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="220"/>
        <source>stacks</source>
        <translation>栈数</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="245"/>
        <source>Open a goroutine dump</source>
        <translation>打开 goroutine 转储</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="246"/>
        <source>Goroutine dumps (*.txt *.log *.json);;All files (*)</source>
        <translation>goroutine 转储 (*.txt *.log *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="257"/>
        <source>Name a dump file or a URL.</source>
        <translation>请填写一个转储文件或 URL。</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="261"/>
        <source>Watch needs a URL like http://127.0.0.1:6060/debug/pprof/goroutine?debug=2</source>
        <translation>持续观察需要一个 URL，例如 http://127.0.0.1:6060/debug/pprof/goroutine?debug=2</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="293"/>
        <source>The service is not answering: {e} (still polling)</source>
        <translation>服务没有响应：{e}（仍在轮询）</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="311"/>
        <source>Go&apos;s goroutineleak profile reports {n} leaked</source>
        <translation>Go 的 goroutineleak 剖析报告 {n} 个泄漏</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="313"/>
        <source>Go&apos;s goroutineleak profile: not in this dump</source>
        <translation>Go 的 goroutineleak 剖析：不在这份转储中</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="314"/>
        <source>; can never continue for certain: {n} (a nil channel, select {{}}); for the others a dump cannot tell</source>
        <translation>；确定永远无法继续：{n} 个（nil 通道、select {{}}）；其余的转储无法判断</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="321"/>
        <source>{form}: {n} goroutines in {g} groups; Go holds ~{mem} for them ({each} B each, modelled){prob}</source>
        <translation>{form}：{n} 个 goroutine，分为 {g} 组；Go 为它们占用约 {mem}（每个 {each} B，按模型估算）{prob}</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="325"/>
        <source>; {n} problems, first: {p}</source>
        <translation>；{n} 个问题，第一个：{p}</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="328"/>
        <source>Damaged dump, read as far as it is valid: {p}</source>
        <translation>转储已损坏，已读取到仍然有效的位置：{p}</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="332"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>Examples</name>
    <message>
        <location filename="../../goplay/catalog.py" line="36"/>
        <source>The article&apos;s handler</source>
        <translation>文章中的处理函数</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="37"/>
        <source>The first failing check returns early; every check that finishes later blocks on done or quit for ever.</source>
        <translation>第一个失败的检查导致提前返回；之后完成的每个检查都会永远阻塞在 done 或 quit 上。</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="39"/>
        <source>The article&apos;s handler over HTTP</source>
        <translation>文章中的 HTTP handler</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="40"/>
        <source>func(w http.ResponseWriter, r *http.Request): leakviz sends it requests at the chosen rate; main is not run.</source>
        <translation>func(w http.ResponseWriter, r *http.Request)：leakviz 按设定速率向它发送请求；不运行 main。</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="42"/>
        <source>Fix over HTTP: select on r.Context().Done()</source>
        <translation>HTTP 修复：select r.Context().Done()</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="43"/>
        <source>Each send also waits on the request&apos;s context, which net/http cancels when the handler returns.</source>
        <translation>每次发送同时等待请求的 context，handler 返回时 net/http 会取消它。</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="45"/>
        <source>Fix: buffered channels</source>
        <translation>修复：带缓冲的通道</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="46"/>
        <source>Room for every check in done and quit: a send never waits.</source>
        <translation>done 和 quit 能容纳所有检查的结果：发送永远不用等待。</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="47"/>
        <source>Fix: select on ctx.Done()</source>
        <translation>修复：select ctx.Done()</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="48"/>
        <source>Each send also waits on ctx.Done(), which the handler cancels when it returns.</source>
        <translation>每次发送同时等待 ctx.Done()，handler 返回时会取消它。</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="50"/>
        <source>Fix: drain the rest</source>
        <translation>修复：接收剩余结果</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="51"/>
        <source>On the early return a goroutine receives every result still to come.</source>
        <translation>提前返回时，由一个 goroutine 接收剩下的所有结果。</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="52"/>
        <source>No close: range waits for ever</source>
        <translation>没有 close：range 永远等待</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="53"/>
        <source>The consumer ranges over jobs; the producer never closes it.</source>
        <translation>消费者对 jobs 做 range；生产者从不关闭它。</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="55"/>
        <source>Fix: close when done</source>
        <translation>修复：发送完就 close</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="56"/>
        <source>The producer closes jobs after the last one; each range ends.</source>
        <translation>生产者发送完最后一个任务后关闭 jobs；每个 range 都会结束。</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="57"/>
        <source>Method contract: Stop not called</source>
        <translation>方法约定：没有调用 Stop</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="58"/>
        <source>A Poller must be stopped; callers that forget leave its loop blocked.</source>
        <translation>Poller 必须被停止；忘记调用的地方会让它的循环一直阻塞。</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="60"/>
        <source>Fix: defer p.Stop()</source>
        <translation>修复：defer p.Stop()</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="61"/>
        <source>Every caller keeps the contract.</source>
        <translation>每个调用者都遵守约定。</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="62"/>
        <source>Double send</source>
        <translation>重复发送</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="63"/>
        <source>On an error the worker sends twice; the caller receives once.</source>
        <translation>出错时 worker 发送了两次；调用者只接收一次。</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="65"/>
        <source>Fix: return after the error</source>
        <translation>修复：报错后 return</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="66"/>
        <source>Every path sends exactly once.</source>
        <translation>每条路径只发送一次。</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="67"/>
        <source>Early return</source>
        <translation>提前返回</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="68"/>
        <source>The caller returns on a bad input before receiving the worker&apos;s answer.</source>
        <translation>调用者在输入错误时提前返回，没有接收 worker 的结果。</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="70"/>
        <source>Fix: one slot of buffer</source>
        <translation>修复：一个缓冲位</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="71"/>
        <source>The worker&apos;s one send always completes.</source>
        <translation>worker 的那一次发送总能完成。</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="72"/>
        <source>A lock never released</source>
        <translation>一直没有释放的锁</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="73"/>
        <source>A writer returns early holding a global lock; every later reader blocks for ever, yet Go&apos;s leak profile reports none: the lock is still reachable.</source>
        <translation>写入者持有全局锁时提前返回；之后每个读取者都永久阻塞，但 Go 的泄漏分析一个也不报告：锁仍然可达。</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="76"/>
        <source>Fix: defer mu.Unlock()</source>
        <translation>修复：defer mu.Unlock()</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="77"/>
        <source>Every return releases the lock.</source>
        <translation>每次返回都会释放锁。</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="78"/>
        <source>N-cast: first answer wins</source>
        <translation>N 路广播：只取第一个答案</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="79"/>
        <source>Ask N replicas, take the first answer; the other N-1 wait to send for ever.</source>
        <translation>询问 N 个副本，只取第一个答案；其余 N-1 个永远等着发送。</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="81"/>
        <source>Fix: room for every answer</source>
        <translation>修复：为每个答案留位置</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="82"/>
        <source>A buffer of N lets the late replicas finish.</source>
        <translation>容量为 N 的缓冲让迟到的副本也能结束。</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="83"/>
        <source>Timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="84"/>
        <source>The caller stops waiting after 3 ms; a slow worker then waits to send for ever.</source>
        <translation>调用者 3 毫秒后不再等待；慢的 worker 之后永远等着发送。</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="86"/>
        <source>Fix: buffered result</source>
        <translation>修复：带缓冲的结果</translation>
    </message>
    <message>
        <location filename="../../goplay/catalog.py" line="87"/>
        <source>A late worker&apos;s send lands in the buffer.</source>
        <translation>迟到的 worker 的发送进入缓冲。</translation>
    </message>
</context>
<context>
    <name>ExplorerWindow</name>
    <message>
        <location filename="../explorer.py" line="207"/>
        <source>{name} (line {line})</source>
        <translation>{name}（第 {line} 行）</translation>
    </message>
    <message>
        <location filename="../explorer.py" line="247"/>
        <source>leakviz: capacity explorer</source>
        <translation>leakviz：容量探索</translation>
    </message>
    <message>
        <location filename="../explorer.py" line="250"/>
        <source>{r} requests</source>
        <translation>{r} 个请求</translation>
    </message>
    <message>
        <location filename="../explorer.py" line="250"/>
        <source>main to its return</source>
        <translation>main 运行到返回</translation>
    </message>
    <message>
        <location filename="../explorer.py" line="251"/>
        <source>{file}: each cell runs the program to its end ({how}) with the capacities of {axes}. Outlined: the current choice. Click a cell to use its capacities.</source>
        <translation>{file}：每个格子用 {axes} 的这些容量把程序运行到结束（{how}）。带框的是当前选择。点击格子即可使用它的容量。</translation>
    </message>
    <message>
        <location filename="../explorer.py" line="253"/>
        <source> and </source>
        <translation> 和 </translation>
    </message>
    <message>
        <location filename="../explorer.py" line="262"/>
        <source>The article&apos;s handler</source>
        <translation>文章中的处理函数</translation>
    </message>
    <message>
        <location filename="../explorer.py" line="262"/>
        <source>The handler with the context fix</source>
        <translation>采用 context 修复的处理函数</translation>
    </message>
    <message>
        <location filename="../explorer.py" line="263"/>
        <source>The handler with the stop-channel fix</source>
        <translation>采用停止通道修复的处理函数</translation>
    </message>
    <message>
        <location filename="../explorer.py" line="264"/>
        <source>The handler with the draining fix</source>
        <translation>采用排空修复的处理函数</translation>
    </message>
    <message>
        <location filename="../explorer.py" line="266"/>
        <source>{handler} in gateway.go</source>
        <translation>gateway.go 中的{handler}</translation>
    </message>
    <message>
        <location filename="../explorer.py" line="267"/>
        <source>{handler}, {n} checks, the current failure pattern: each cell is the engine run on {r} requests with those capacities. Hatched: cannot leak, whatever fails. Green: none stranded in these {r} requests (another failure pattern can strand some). Memory: at the rate of these {r} requests; the window&apos;s is over its last 2 s, so the two differ by chance. Outlined: the current choice. Click a cell to use its capacities.</source>
        <translation>{handler}，{n} 个检查，当前的失败模式：每个格子是用这些容量在 {r} 个请求上运行引擎的结果。斜线：无论哪个检查失败都不会泄漏。绿色：这 {r} 个请求中没有永久阻塞的 goroutine（换一种失败模式仍可能有）。内存：按这 {r} 个请求的速度计算；主窗口按最近 2 秒计算，所以两者会随机地有所不同。粗框：当前的选择。点击格子即可使用它的容量。</translation>
    </message>
    <message>
        <location filename="../explorer.py" line="255"/>
        <location filename="../explorer.py" line="274"/>
        <source>Computing… {k} cells to go.</source>
        <translation>计算中…还剩 {k} 个格子。</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <location filename="../files.py" line="73"/>
        <source>Opened {p}: running it again to {t} s, where it was saved…</source>
        <translation>已打开 {p}：正在重新运行到保存时的 {t} 秒…</translation>
    </message>
    <message>
        <location filename="../files.py" line="84"/>
        <source>Opened {p}: at {t} s, as it was saved. Drag the timeline to replay it, or play on.</source>
        <translation>已打开 {p}：停在保存时的 {t} 秒。拖动时间轴即可回放，也可以继续运行。</translation>
    </message>
    <message>
        <location filename="../files.py" line="148"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../files.py" line="148"/>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../files.py" line="149"/>
        <source>GIF images (*.gif)</source>
        <translation>GIF 图片 (*.gif)</translation>
    </message>
    <message>
        <location filename="../files.py" line="149"/>
        <source>leakviz runs (*.leakviz-run)</source>
        <translation>leakviz 运行记录 (*.leakviz-run)</translation>
    </message>
    <message>
        <location filename="../files.py" line="150"/>
        <source>MP4 videos, H.264 (*.mp4)</source>
        <translation>MP4 视频，H.264 (*.mp4)</translation>
    </message>
    <message>
        <location filename="../files.py" line="150"/>
        <source>WebM videos, VP9 (*.webm)</source>
        <translation>WebM 视频，VP9 (*.webm)</translation>
    </message>
    <message>
        <location filename="../files.py" line="154"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../files.py" line="168"/>
        <source>Replay an access log</source>
        <translation>重放访问日志</translation>
    </message>
    <message>
        <location filename="../files.py" line="169"/>
        <source>Access logs (*.log *.txt access*);;All files (*)</source>
        <translation>访问日志 (*.log *.txt access*);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../files.py" line="186"/>
        <source>Nothing serves requests here: no http.ListenAndServe in main and no func(w http.ResponseWriter, r *http.Request).</source>
        <translation>这里没有处理请求的代码：main 中没有 http.ListenAndServe，也没有 func(w http.ResponseWriter, r *http.Request)。</translation>
    </message>
    <message>
        <location filename="../files.py" line="217"/>
        <source>Saved the run to {p}</source>
        <translation>已将运行保存到 {p}</translation>
    </message>
    <message>
        <location filename="../files.py" line="238"/>
        <source>This file no longer exists: {p}</source>
        <translation>这个文件已不存在：{p}</translation>
    </message>
    <message>
        <location filename="../files.py" line="260"/>
        <source>Opened {p}: {n} events. Drag the timeline to replay it.</source>
        <translation>已打开 {p}：{n} 个事件。拖动时间轴即可回放。</translation>
    </message>
    <message>
        <location filename="../files.py" line="294"/>
        <source>No recent files</source>
        <translation>没有最近打开的文件</translation>
    </message>
    <message>
        <location filename="../files.py" line="296"/>
        <source>&amp;Clear the list</source>
        <translation>清空列表(&amp;C)</translation>
    </message>
    <message>
        <location filename="../files.py" line="312"/>
        <source>Open Go</source>
        <translation>打开 Go</translation>
    </message>
    <message>
        <location filename="../files.py" line="313"/>
        <source>Go source (*.go);;leakviz runs (*.leakviz-run *.leakviz-go)</source>
        <translation>Go 源码 (*.go);;leakviz 运行记录 (*.leakviz-run *.leakviz-go)</translation>
    </message>
    <message>
        <location filename="../files.py" line="360"/>
        <source>Open a saved run</source>
        <translation>打开保存的运行</translation>
    </message>
    <message>
        <location filename="../files.py" line="361"/>
        <source>leakviz runs (*.leakviz-run *.leakviz-go)</source>
        <translation>leakviz 运行记录 (*.leakviz-run *.leakviz-go)</translation>
    </message>
    <message>
        <location filename="../files.py" line="374"/>
        <source>Wrote {n} rows to {p}</source>
        <translation>已将 {n} 行写入 {p}</translation>
    </message>
    <message>
        <location filename="../files.py" line="392"/>
        <source>Wrote the report to {p}</source>
        <translation>已将报告写入 {p}</translation>
    </message>
    <message>
        <location filename="../files.py" line="403"/>
        <source>A video&apos;s name must end in .mp4 or .webm: {p}</source>
        <translation>视频文件名必须以 .mp4 或 .webm 结尾：{p}</translation>
    </message>
    <message>
        <location filename="../files.py" line="416"/>
        <source>An export is already running.</source>
        <translation>已有一个导出正在进行。</translation>
    </message>
    <message>
        <location filename="../files.py" line="442"/>
        <source>Making the animation…</source>
        <translation>正在生成动画…</translation>
    </message>
    <message>
        <location filename="../files.py" line="442"/>
        <source>Making the video…</source>
        <translation>正在生成视频…</translation>
    </message>
    <message>
        <location filename="../files.py" line="443"/>
        <source>Export GIF</source>
        <translation>导出 GIF</translation>
    </message>
    <message>
        <location filename="../files.py" line="443"/>
        <source>Export video</source>
        <translation>导出视频</translation>
    </message>
    <message>
        <location filename="../files.py" line="443"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../files.py" line="444"/>
        <source>GIF export cancelled.</source>
        <translation>已取消 GIF 导出。</translation>
    </message>
    <message>
        <location filename="../files.py" line="444"/>
        <source>Video export cancelled.</source>
        <translation>已取消视频导出。</translation>
    </message>
    <message>
        <location filename="../files.py" line="445"/>
        <source>Wrote {n} frames to {p}</source>
        <translation>已将 {n} 帧写入 {p}</translation>
    </message>
    <message>
        <location filename="../files.py" line="449"/>
        <source>Save screenshot</source>
        <translation>保存截图</translation>
    </message>
    <message>
        <location filename="../files.py" line="449"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../files.py" line="453"/>
        <source>Could not write {p}</source>
        <translation>无法写入 {p}</translation>
    </message>
</context>
<context>
    <name>Follow</name>
    <message>
        <location filename="../follow.py" line="39"/>
        <source>Following request #{req}  ·  {others} other requests, {n} stranded</source>
        <translation>跟踪请求 #{req}  ·  其他 {others} 个请求，{n} 个永久阻塞</translation>
    </message>
    <message>
        <location filename="../follow.py" line="42"/>
        <source>Following request #{req}</source>
        <translation>跟踪请求 #{req}</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <location filename="../legend.py" line="52"/>
        <source>checking</source>
        <translation>检查中</translation>
    </message>
    <message>
        <location filename="../legend.py" line="53"/>
        <source>sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <location filename="../legend.py" line="54"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../legend.py" line="55"/>
        <source>stranded forever</source>
        <translation>永久阻塞</translation>
    </message>
    <message>
        <location filename="../legend.py" line="56"/>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../legend.py" line="57"/>
        <source>done value</source>
        <translation>done 的值</translation>
    </message>
    <message>
        <location filename="../legend.py" line="58"/>
        <source>quit value</source>
        <translation>quit 的值</translation>
    </message>
    <message>
        <location filename="../legend.py" line="59"/>
        <source>no buffer</source>
        <translation>无缓冲</translation>
    </message>
    <message>
        <location filename="../legend.py" line="60"/>
        <source>line: waiting</source>
        <translation>该行：等待中</translation>
    </message>
    <message>
        <location filename="../legend.py" line="61"/>
        <source>line: stranded</source>
        <translation>该行：永久阻塞</translation>
    </message>
    <message>
        <location filename="../legend.py" line="62"/>
        <source>line: changed from the bug</source>
        <translation>该行：与 bug 版本不同</translation>
    </message>
    <message>
        <location filename="../legend.py" line="63"/>
        <source>grey count: the earlier code&apos;s</source>
        <translation>灰色计数：先前代码的</translation>
    </message>
    <message>
        <location filename="../legend.py" line="68"/>
        <source>in the code: checks 0–9, the handler H</source>
        <translation>代码中：检查 0–9，处理函数 H</translation>
    </message>
    <message>
        <location filename="../legend.py" line="70"/>
        <source>sleeping</source>
        <translation>休眠中</translation>
    </message>
    <message>
        <location filename="../legend.py" line="70"/>
        <source>ready to run</source>
        <translation>可运行</translation>
    </message>
    <message>
        <location filename="../legend.py" line="71"/>
        <source>blocked</source>
        <translation>阻塞</translation>
    </message>
</context>
<context>
    <name>LessonMode</name>
    <message>
        <location filename="../lessonmode.py" line="188"/>
        <source>check {i}</source>
        <translation>检查 {i}</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="188"/>
        <source>goroutine {g}</source>
        <translation>goroutine {g}</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="199"/>
        <source>goroutine {n} (main)</source>
        <translation>goroutine {n}（main）</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="200"/>
        <source>goroutine {n} (started at {site})</source>
        <translation>goroutine {n}（启动于 {site}）</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="206"/>
        <source>it sends on {chans}</source>
        <translation>它向 {chans} 发送</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="208"/>
        <source>it receives from {chans}</source>
        <translation>它从 {chans} 接收</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="210"/>
        <source>a select on {chans}</source>
        <translation>在 {chans} 上 select</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="211"/>
        <source>it waits in {op}</source>
        <translation>它在 {op} 中等待</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="216"/>
        <source>A goroutine runs until it has to wait: for a value on a channel, a lock, others to finish. The run stops at the first goroutine of the program that blocks.</source>
        <translation>goroutine 一直运行，直到它必须等待：等通道上的值、等锁、等其他 goroutine 完成。运行停在程序中第一个阻塞的 goroutine 处。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="220"/>
        <source>No goroutine of the program blocks.</source>
        <translation>程序中没有 goroutine 阻塞。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="221"/>
        <source>{who} blocks at {where}: {what}. Will it ever go on?</source>
        <translation>{who} 阻塞在 {where}：{what}。它还会继续运行吗？</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="223"/>
        <source>Yes: another goroutine will take part, and it goes on.</source>
        <translation>会：另一个 goroutine 会参与这次操作，它随后继续运行。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="224"/>
        <source>No: nothing left will ever wake it.</source>
        <translation>不会：再也没有什么能唤醒它。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="226"/>
        <source>Run on. A goroutine is stranded when nothing that can still run reaches what it waits on (Go&apos;s leak rule): nobody can ever wake it.</source>
        <translation>继续运行。当任何仍能运行的东西都无法触及它所等待的对象时（Go 的泄漏规则），goroutine 就永久阻塞了：没有谁能再唤醒它。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="228"/>
        <source>What will the first stranded goroutine be blocked on?</source>
        <translation>第一个永久阻塞的 goroutine 会阻塞在什么操作上？</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="229"/>
        <source>A send: nobody will receive.</source>
        <translation>发送：没有人会接收。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="229"/>
        <source>A receive: nobody will send or close.</source>
        <translation>接收：没有人会发送或关闭。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="230"/>
        <source>A select, a lock or another wait.</source>
        <translation>select、锁或其他等待。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="230"/>
        <source>Nothing: no goroutine is stranded.</source>
        <translation>没有：没有 goroutine 永久阻塞。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="233"/>
        <source>&lt;code&gt;{var}&lt;/code&gt; (line {line})</source>
        <translation>&lt;code&gt;{var}&lt;/code&gt;（第 {line} 行）</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="234"/>
        <source>A buffer lets a send finish with nobody receiving yet. The leak&apos;s channels: {where}.</source>
        <translation>缓冲让发送在还没有人接收时也能完成。这次泄漏涉及的通道：{where}。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="236"/>
        <source>Would a big enough buffer on them stop the leak?</source>
        <translation>给它们足够大的缓冲，能阻止泄漏吗？</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="237"/>
        <source>Yes: with enough slots, nobody waits for ever.</source>
        <translation>能：槽位足够时，没有谁会永久等待。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="238"/>
        <source>No: the fix is in the code (a receiver, ctx.Done(), a close).</source>
        <translation>不能：要在代码里修复（一个接收者、ctx.Done()、一次 close）。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="239"/>
        <source>There is no leak to fix.</source>
        <translation>没有需要修复的泄漏。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="240"/>
        <source>Now the program runs to its end (at most a simulated minute). A stranded goroutine keeps its stack and all it references until the process exits.</source>
        <translation>现在程序运行到结束（最多模拟一分钟）。永久阻塞的 goroutine 会一直占着它的栈和它引用的一切，直到进程退出。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="242"/>
        <source>How many goroutines will be stranded when the program has ended?</source>
        <translation>程序结束时，会有多少个 goroutine 永久阻塞？</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="250"/>
        <source>No goroutine of the program blocked within a simulated minute.</source>
        <translation>模拟的一分钟内，程序中没有 goroutine 阻塞。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="253"/>
        <source>{who} went on at {t} ms: another goroutine completed the operation with it. Waiting is not leaking.</source>
        <translation>{who} 在 {t} ms 继续运行：另一个 goroutine 与它完成了这次操作。等待不等于泄漏。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="256"/>
        <source>{who} can never go on: at {t} ms Go&apos;s leak rule found that nothing that can still run reaches what it waits on. It is stranded.</source>
        <translation>{who} 再也无法继续：在 {t} ms，Go 的泄漏规则发现任何仍能运行的东西都无法触及它所等待的对象。它永久阻塞了。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="258"/>
        <source>The program ended at {t} ms with {who} still blocked: it never went on, though Go&apos;s leak profile does not report it (what it waits on is still reachable).</source>
        <translation>程序在 {t} ms 结束时，{who} 仍在阻塞：它再也没有继续，但 Go 的泄漏 profile 不会报告它（它所等待的对象仍可被访问到）。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="263"/>
        <source>No goroutine was stranded.</source>
        <translation>没有 goroutine 永久阻塞。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="264"/>
        <source>{who} has waited at {where} since {since} ms ({what}); at {t} ms Go&apos;s leak rule found it stranded.</source>
        <translation>{who} 从 {since} ms 起在 {where} 等待（{what}）；在 {t} ms，Go 的泄漏规则判定它永久阻塞。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="270"/>
        <source>Nothing is stranded: this program does not leak.</source>
        <translation>没有 goroutine 永久阻塞：这个程序没有泄漏。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="272"/>
        <source>With capacity {n} for {names}, the same run strands nothing (the verdict says so too; F9: its dials).</source>
        <translation>把 {names} 的容量设为 {n} 时，同一次运行中没有 goroutine 永久阻塞（结论面板也这么说；F9：它的旋钮）。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="275"/>
        <source>No capacity up to {most} for {names} helps: whatever the buffer, these goroutines still block. The fix is in the code.</source>
        <translation>{names} 的容量直到 {most} 都无济于事：无论缓冲多大，这些 goroutine 仍会阻塞。要在代码里修复。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="278"/>
        <source>The goroutines that can never continue wait on nothing a buffer can widen (a lock, a WaitGroup, a channel the program does not make): the fix is in the code.</source>
        <translation>永远无法继续的 goroutine 等待的不是缓冲能扩大的东西（锁、WaitGroup、不是程序自己创建的通道）：要在代码里修复。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="280"/>
        <source>This run started {n} goroutines: too many to run again with each capacity here. The capacity explorer (Ctrl+E) grids them.</source>
        <translation>这次运行启动了 {n} 个 goroutine：太多了，无法在这里按每个容量各重跑一次。容量探索器（Ctrl+E）可以逐格计算。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="282"/>
        <source>&lt;b&gt;{s}&lt;/b&gt; stranded when the program ended at {t} ms.</source>
        <translation>程序在 {t} ms 结束时，有 &lt;b&gt;{s}&lt;/b&gt; 个永久阻塞。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="283"/>
        <source>&lt;b&gt;{s}&lt;/b&gt; stranded after a simulated minute (the program has not ended).</source>
        <translation>模拟一分钟后，有 &lt;b&gt;{s}&lt;/b&gt; 个永久阻塞（程序尚未结束）。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="286"/>
        <source>{n} at {where} ({what}).</source>
        <translation>{n} 个在 {where}（{what}）。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="289"/>
        <source>{m} more were still blocked when it ended: they can never continue either, but Go&apos;s profile does not report them.</source>
        <translation>程序结束时另有 {m} 个仍在阻塞：它们同样再也无法继续，但 Go 的 profile 不会报告它们。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="300"/>
        <source>Each request starts one check goroutine per check; its handler receives their results on done and quit (read the code). Watch the first request with a failing check.</source>
        <translation>每个请求为每项检查启动一个检查 goroutine；它的 handler 从 done 和 quit 接收结果（请读代码）。注意第一个有检查失败的请求。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="303"/>
        <source>When a check fails, what does its handler do?</source>
        <translation>一个检查失败时，它的 handler 会怎么做？</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="304"/>
        <source>It waits until all {n} checks have reported, then returns.</source>
        <translation>它等到全部 {n} 个检查都报告后才返回。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="305"/>
        <source>It returns at once, while later checks are still working.</source>
        <translation>它立即返回，而后面的检查还在工作。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="307"/>
        <source>A check that finishes sends its result on done or quit. On an unbuffered channel a send waits until someone receives the value. Watch for the first goroutine that has to wait at its send.</source>
        <translation>完成的检查把结果发送到 done 或 quit。在无缓冲通道上，发送会一直阻塞，直到有人接收这个值。注意第一个必须在发送处等待的 goroutine。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="310"/>
        <source>Why will the first goroutine that waits at a send be waiting?</source>
        <translation>第一个在发送处等待的 goroutine，为什么会等待？</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="311"/>
        <source>Its handler is busy with another value: it will take this one soon.</source>
        <translation>它的 handler 正在处理另一个值：很快就会来取这个值。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="312"/>
        <source>Its handler has already returned: nobody will ever receive the value.</source>
        <translation>它的 handler 已经返回了：永远没有人会接收这个值。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="314"/>
        <source>Request #{req}&apos;s handler has returned. Its late checks finish one after another, and each tries to send its result.</source>
        <translation>请求 #{req} 的 handler 已经返回。它那些晚完成的检查一个接一个地完成，每个都试图发送自己的结果。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="316"/>
        <source>How many of request #{req}&apos;s {n} checks will be stranded (blocked for ever)?</source>
        <translation>请求 #{req} 的 {n} 个检查中，有多少个会永久阻塞（goroutine 泄漏）？</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="321"/>
        <source>None</source>
        <translation>一个也没有</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="321"/>
        <source>Fewer than {n}</source>
        <translation>少于 {n} 个</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="321"/>
        <source>{n} or more</source>
        <translation>{n} 个或更多</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="323"/>
        <source>Every stranded goroutine keeps its stack (in Go at least 2 KiB) until the process exits. Now the server runs for ten simulated seconds.</source>
        <translation>每个永久阻塞的 goroutine 都保留着它的栈（在 Go 里至少 2 KiB），直到进程退出。现在让服务器运行十个模拟秒。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="325"/>
        <source>Requests arrive about {rate} a second, so about {n} in ten seconds, and about {p}% of them have a failing check. How many goroutines are stranded after ten seconds?</source>
        <translation>请求每秒大约到达 {rate} 个，十秒约 {n} 个，其中约 {p}% 有检查失败。十秒后有多少个 goroutine 永久阻塞？</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="329"/>
        <source>The idiomatic fix: every send also waits on ctx.Done(), which is closed when the handler returns. A fresh run with the same requests.</source>
        <translation>惯用的修复：每次发送同时等待 ctx.Done()，handler 返回时会关闭它。用同样的请求重新运行。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="331"/>
        <source>Without a fix, ten seconds stranded {n} goroutines. With this code, how many after ten seconds?</source>
        <translation>没有修复时，十秒内有 {n} 个 goroutine 永久阻塞。用这段代码，十秒后有多少个？</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="335"/>
        <source>A fresh run with the same requests: request #{req}&apos;s handler has just returned at {t} ms with {k} of its checks still working.</source>
        <translation>用同样的请求重新运行：请求 #{req} 的 handler 刚在 {t} 毫秒返回，它还有 {k} 个检查在工作。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="339"/>
        <source>The article&apos;s fix: done holds {cd} values and quit holds {cq}.</source>
        <translation>文章中的修复：done 能容纳 {cd} 个值，quit 能容纳 {cq} 个。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="341"/>
        <source>What happens to those {k} checks?</source>
        <translation>这 {k} 个检查会怎样？</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="342"/>
        <source>All of them wait for ever at their sends.</source>
        <translation>它们全都在发送处永久阻塞。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="343"/>
        <source>Some finish, the rest wait for ever.</source>
        <translation>一部分完成，其余的永久阻塞。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="344"/>
        <source>All of them finish: their values go into a buffer.</source>
        <translation>它们全都完成：值进入了缓冲区。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="345"/>
        <source>A buffer too small: done holds {cd} values and quit holds {cq}.</source>
        <translation>缓冲太小：done 只能容纳 {cd} 个值，quit 只能容纳 {cq} 个。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="347"/>
        <source>How many of those {k} checks will be stranded?</source>
        <translation>这 {k} 个检查中有多少个会永久阻塞？</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="356"/>
        <source>&lt;b&gt;Leaks, or cannot leak?&lt;/b&gt; Predict first: the verdict comes with the answer.</source>
        <translation>&lt;b&gt;会泄漏，还是不会泄漏？&lt;/b&gt;先预测：答案揭晓时才显示结论。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="369"/>
        <source>Answer: &lt;b&gt;{n}&lt;/b&gt;.</source>
        <translation>答案：&lt;b&gt;{n}&lt;/b&gt;。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="374"/>
        <source>Answer: &lt;b&gt;{a}&lt;/b&gt;.</source>
        <translation>答案：&lt;b&gt;{a}&lt;/b&gt;。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="378"/>
        <source>(no prediction)</source>
        <translation>（没有预测）</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="380"/>
        <source>Your prediction was right.</source>
        <translation>你的预测是对的。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="381"/>
        <source>You said: {a}.</source>
        <translation>你的答案：{a}。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="390"/>
        <source>No handler returned early within a simulated minute.</source>
        <translation>在一个模拟分钟内，没有 handler 提前返回。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="391"/>
        <source>Request #{req}&apos;s handler returned {code} at {t} ms, at the value on {chan}</source>
        <translation>请求 #{req} 的 handler 在 {t} 毫秒收到 {chan} 上的值后返回了 {code}</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="394"/>
        <source> (from check {i})</source>
        <translation>（来自检查 {i}）</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="397"/>
        <source>{k} of its {n} checks were still working: {list}.</source>
        <translation>它的 {n} 个检查中还有 {k} 个在工作：{list}。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="399"/>
        <source>Every one of its checks had already reported.</source>
        <translation>它的每个检查都已经报告过了。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="402"/>
        <source>No goroutine waited at a send within a simulated minute.</source>
        <translation>在一个模拟分钟内，没有 goroutine 在发送处等待。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="403"/>
        <source>{who} of request #{req} finished its work and waits to send on {chan} at {t} ms.</source>
        <translation>请求 #{req} 的{who} 完成了工作，在 {t} 毫秒等待向 {chan} 发送。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="406"/>
        <source>Its handler returned at {r} ms: nobody will ever receive on {chan}. It is doomed to wait for ever.</source>
        <translation>它的 handler 已在 {r} 毫秒返回：永远没有人会从 {chan} 接收。它注定永久阻塞。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="409"/>
        <source>Its handler has not returned: it receives one value at a time and will take this one.</source>
        <translation>它的 handler 还没有返回：它一次接收一个值，会来取这个值。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="413"/>
        <source>&lt;b&gt;{s}&lt;/b&gt; stranded after ten seconds, from {r} requests.</source>
        <translation>十秒后，{r} 个请求留下了 &lt;b&gt;{s}&lt;/b&gt; 个永久阻塞的 goroutine。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="416"/>
        <source>Go would hold {b} for them, and it only grows: they stay until the process exits.</source>
        <translation>Go 会为它们占用 {b}，而且只增不减：它们会一直留到进程退出。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="419"/>
        <source>{g} checks finished after their handler had returned: instead of blocking, they saw ctx.Done() closed and returned.</source>
        <translation>{g} 个检查在 handler 返回之后才完成：它们没有阻塞，而是看到 ctx.Done() 已关闭，于是返回了。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="425"/>
        <source>Request #{req} settled at {t} ms: of the {k} checks still working when its handler returned,</source>
        <translation>请求 #{req} 在 {t} 毫秒尘埃落定：handler 返回时还在工作的 {k} 个检查中，</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="428"/>
        <source>{b} put their value into a buffer ({where}) and finished;</source>
        <translation>{b} 个把值放进了缓冲区（{where}）并结束；</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="431"/>
        <source>{s} are stranded: checks {list} block for ever on a send nobody will receive.</source>
        <translation>{s} 个永久阻塞：检查 {list} 阻塞在一个永远没人接收的发送上。</translation>
    </message>
    <message>
        <location filename="../lessonmode.py" line="434"/>
        <source>none is stranded.</source>
        <translation>没有一个永久阻塞。</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <location filename="../lesson.py" line="137"/>
        <source>Lesson: step {i} of {n}</source>
        <translation>课程：第 {i} 步，共 {n} 步</translation>
    </message>
    <message>
        <location filename="../lesson.py" line="142"/>
        <source>your guess</source>
        <translation>你的猜测</translation>
    </message>
    <message>
        <location filename="../lesson.py" line="159"/>
        <source>Show me ▶</source>
        <translation>演示给我看 ▶</translation>
    </message>
    <message>
        <location filename="../lesson.py" line="162"/>
        <source>◀ Back</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <location filename="../lesson.py" line="163"/>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <location filename="../lesson.py" line="163"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../window.py" line="150"/>
        <source>The settings file could not be read and was set aside: starting with the defaults.</source>
        <translation>无法读取设置文件，已将其移到一旁：使用默认设置启动。</translation>
    </message>
    <message>
        <location filename="../window.py" line="209"/>
        <source>leakviz: goroutine leaks, made visible</source>
        <translation>leakviz：让 goroutine 泄漏看得见</translation>
    </message>
    <message>
        <location filename="../window.py" line="559"/>
        <source>Reset ⟲</source>
        <translation>重置 ⟲</translation>
    </message>
    <message>
        <location filename="../window.py" line="219"/>
        <source>The handler&apos;s Go code</source>
        <translation>handler 的 Go 代码</translation>
    </message>
    <message>
        <location filename="../window.py" line="220"/>
        <source>Simulated time</source>
        <translation>模拟时间</translation>
    </message>
    <message>
        <location filename="../window.py" line="220"/>
        <source>Live goroutines</source>
        <translation>存活的 goroutine</translation>
    </message>
    <message>
        <location filename="../window.py" line="221"/>
        <source>Stranded</source>
        <translation>永久阻塞</translation>
    </message>
    <message>
        <location filename="../window.py" line="221"/>
        <source>Leaking goroutines</source>
        <translation>泄漏速度</translation>
    </message>
    <message>
        <location filename="../window.py" line="222"/>
        <source>In one hour at this rate</source>
        <translation>按此速度一小时后</translation>
    </message>
    <message>
        <location filename="../window.py" line="223"/>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <location filename="../window.py" line="223"/>
        <source>Goroutines started</source>
        <translation>已启动的 goroutine</translation>
    </message>
    <message>
        <location filename="../window.py" line="226"/>
        <source>What the stranded goroutines would hold in Go after an hour, if they keep leaking at the current rate.</source>
        <translation>如果按当前速度持续泄漏，一小时后永久阻塞的 goroutine 在 Go 中会占用多少内存。</translation>
    </message>
    <message>
        <location filename="../window.py" line="278"/>
        <source>Nothing left to happen: every goroutine has finished or is blocked forever.</source>
        <translation>没有事情会再发生了：每个 goroutine 都已结束或永远阻塞。</translation>
    </message>
    <message>
        <location filename="../window.py" line="304"/>
        <source>Compare with…</source>
        <translation>与……比较</translation>
    </message>
    <message>
        <location filename="../window.py" line="305"/>
        <source>Go source (*.go)</source>
        <translation>Go 源代码 (*.go)</translation>
    </message>
    <message>
        <location filename="../window.py" line="319"/>
        <source>This program makes no channel: no capacity to explore.</source>
        <translation>这个程序没有创建通道：没有可以探索的容量。</translation>
    </message>
    <message>
        <location filename="../window.py" line="402"/>
        <source>Run restarted.</source>
        <translation>已重新开始运行。</translation>
    </message>
    <message>
        <location filename="../window.py" line="414"/>
        <location filename="../window.py" line="419"/>
        <source>Preset {name}: run restarted.</source>
        <translation>预设 {name}：已重新开始运行。</translation>
    </message>
    <message>
        <location filename="../window.py" line="448"/>
        <source>Applies to requests from #{n} on; requests in flight keep their settings.</source>
        <translation>从请求 #{n} 起生效；正在处理的请求保持原来的设置。</translation>
    </message>
    <message>
        <location filename="../window.py" line="443"/>
        <location filename="../window.py" line="450"/>
        <source>Run restarted with the new settings.</source>
        <translation>已使用新设置重新开始运行。</translation>
    </message>
    <message>
        <location filename="../window.py" line="456"/>
        <source>Speed: {s}</source>
        <translation>速度：{s}</translation>
    </message>
    <message>
        <location filename="../window.py" line="457"/>
        <source>max</source>
        <translation>最快</translation>
    </message>
    <message>
        <location filename="../window.py" line="525"/>
        <source>panic: {msg} (goroutine {g}): the simulated program stopped, as Go would.</source>
        <translation>panic：{msg}（goroutine {g}）：模拟程序已停止，和 Go 一样。</translation>
    </message>
    <message>
        <location filename="../window.py" line="556"/>
        <source>&lt;b&gt;Paused at {n} live goroutines.&lt;/b&gt; This is the leak at work: in Go every stranded goroutine stays until the process dies. leakviz stops here so that it does not eat this computer&apos;s memory too (set the ceiling with --max-live).</source>
        <translation>&lt;b&gt;已在 {n} 个存活 goroutine 处暂停。&lt;/b&gt;这正是泄漏在起作用：在 Go 中，每个永久阻塞的 goroutine 会一直存在，直到进程结束。leakviz 在这里停下，以免把这台电脑的内存也耗尽（用 --max-live 设置上限）。</translation>
    </message>
    <message>
        <location filename="../window.py" line="563"/>
        <source>Pause ❚❚</source>
        <translation>暂停 ❚❚</translation>
    </message>
    <message>
        <location filename="../window.py" line="563"/>
        <source>Play ▶</source>
        <translation>播放 ▶</translation>
    </message>
    <message>
        <location filename="../window.py" line="565"/>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../window.py" line="565"/>
        <source>&amp;Play</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <location filename="../window.py" line="566"/>
        <source>Play or pause the simulation (Space)</source>
        <translation>播放或暂停模拟（空格）</translation>
    </message>
    <message>
        <location filename="../window.py" line="567"/>
        <source>press Space to play.</source>
        <translation>按空格键播放。</translation>
    </message>
    <message>
        <location filename="../window.py" line="600"/>
        <source>Requests before #{n} ran the earlier code: their {k} stranded goroutines stay stranded.</source>
        <translation>#{n} 之前的请求运行的是先前的代码：它们的 {k} 个永久阻塞的 goroutine 仍然永久阻塞。</translation>
    </message>
    <message>
        <location filename="../window.py" line="617"/>
        <source>Internal error (logged): {e}</source>
        <translation>内部错误（已记录）：{e}</translation>
    </message>
    <message>
        <location filename="../window.py" line="639"/>
        <source>About leakviz</source>
        <translation>关于 leakviz</translation>
    </message>
    <message>
        <location filename="../window.py" line="640"/>
        <source>leakviz shows how channel capacity, blocking sends and early returns strand goroutines and hold memory, on a simulated Go runtime.</source>
        <translation>leakviz 在模拟的 Go 运行时上展示：通道容量、阻塞的发送和提前返回如何困住 goroutine 并占用内存。</translation>
    </message>
</context>
<context>
    <name>MemoryChart</name>
    <message>
        <location filename="../chart.py" line="105"/>
        <source>Memory held by stranded goroutines over simulated time:
blue = what real Go would hold (modelled: 2 KiB stack + runtime records),
red = what the simulated goroutines hold in this Python process (measured).</source>
        <translation>永久阻塞的 goroutine 随模拟时间占用的内存：
蓝色 = 真实 Go 会占用的内存（模型：2 KiB 栈 + 运行时记录），
红色 = 模拟的 goroutine 在本 Python 进程中占用的内存（实测）。</translation>
    </message>
    <message>
        <location filename="../chart.py" line="136"/>
        <source>Memory held by stranded goroutines</source>
        <translation>永久阻塞的 goroutine 占用的内存</translation>
    </message>
    <message>
        <location filename="../chart.py" line="138"/>
        <source>━ Go (modelled)</source>
        <translation>━ Go（模型）</translation>
    </message>
    <message>
        <location filename="../chart.py" line="138"/>
        <source>━ this process (measured)</source>
        <translation>━ 本进程（实测）</translation>
    </message>
    <message>
        <location filename="../chart.py" line="141"/>
        <source>━ Go</source>
        <translation>━ Go</translation>
    </message>
    <message>
        <location filename="../chart.py" line="141"/>
        <source>━ this process</source>
        <translation>━ 本进程</translation>
    </message>
    <message>
        <location filename="../chart.py" line="151"/>
        <source>Predict first: the memory comes with the answer.</source>
        <translation>先预测：答案揭晓时才显示内存。</translation>
    </message>
    <message>
        <location filename="../chart.py" line="163"/>
        <source>{t} s simulated</source>
        <translation>模拟 {t} 秒</translation>
    </message>
    <message>
        <location filename="../chart.py" line="170"/>
        <source>change (#{n} on)</source>
        <translation>修改（从 #{n} 起）</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../menus.py" line="27"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="28"/>
        <source>&amp;Simulation</source>
        <translation>模拟(&amp;S)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="29"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="30"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="31"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="32"/>
        <source>&amp;Step to next event</source>
        <translation>单步到下一个事件(&amp;S)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="33"/>
        <source>Step &amp;back one event</source>
        <translation>后退一个事件(&amp;B)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="34"/>
        <source>Back to &amp;live</source>
        <translation>回到实时(&amp;L)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="35"/>
        <source>&amp;Reset</source>
        <translation>重置(&amp;R)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="36"/>
        <source>&amp;Open a saved run…</source>
        <translation>打开保存的运行(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="37"/>
        <source>Open &amp;dump…</source>
        <translation>打开转储(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="38"/>
        <source>Open &amp;Go…</source>
        <translation>打开 Go(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="39"/>
        <source>Replay an access &amp;log…</source>
        <translation>重放访问日志(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="40"/>
        <source>Back to made-up requests</source>
        <translation>改回模拟生成的请求</translation>
    </message>
    <message>
        <location filename="../menus.py" line="41"/>
        <source>Go e&amp;xamples</source>
        <translation>Go 示例(&amp;X)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="43"/>
        <source>&amp;Save this run…</source>
        <translation>保存这次运行(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="44"/>
        <source>Export the view as &amp;PNG…</source>
        <translation>将视图导出为 &amp;PNG…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="45"/>
        <source>Export the metrics as &amp;CSV…</source>
        <translation>将指标导出为 &amp;CSV…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="46"/>
        <source>Export the report as &amp;JSON…</source>
        <translation>将报告导出为 &amp;JSON…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="47"/>
        <source>Export the last seconds as animated &amp;GIF…</source>
        <translation>将最近几秒导出为 GIF 动画(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="48"/>
        <source>Export the last seconds as &amp;video (MP4/WebM)…</source>
        <translation>将最近几秒导出为视频（MP4/WebM）(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="49"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="50"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="51"/>
        <source>&amp;Full screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="52"/>
        <source>&amp;Compare side by side: unbuffered | buffered | context</source>
        <translation>并排比较(&amp;C)：无缓冲 | 有缓冲 | context</translation>
    </message>
    <message>
        <location filename="../menus.py" line="53"/>
        <source>&amp;Compare with its fix, or another Go file…</source>
        <translation>与它的修复或另一个 Go 文件并排比较(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="54"/>
        <source>Capacity &amp;explorer…</source>
        <translation>容量探索(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="55"/>
        <source>&amp;About leakviz</source>
        <translation>关于 leakviz(&amp;A)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="56"/>
        <source>Guided &amp;lesson</source>
        <translation>引导课程(&amp;L)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="57"/>
        <source>Play the &amp;scheduler</source>
        <translation>扮演调度器(&amp;S)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="58"/>
        <source>Previous mark on the timeline</source>
        <translation>时间轴上的前一个标记</translation>
    </message>
    <message>
        <location filename="../menus.py" line="59"/>
        <source>Next mark on the timeline</source>
        <translation>时间轴上的后一个标记</translation>
    </message>
    <message>
        <location filename="../menus.py" line="60"/>
        <source>Lesson: back</source>
        <translation>课程：上一步</translation>
    </message>
    <message>
        <location filename="../menus.py" line="61"/>
        <source>Lesson: show me, then next</source>
        <translation>课程：演示，然后下一步</translation>
    </message>
    <message>
        <location filename="../menus.py" line="62"/>
        <source>☰ Settings</source>
        <translation>☰ 设置</translation>
    </message>
    <message>
        <location filename="../menus.py" line="63"/>
        <source>Show or hide the settings drawer (F9)</source>
        <translation>显示或隐藏设置抽屉（F9）</translation>
    </message>
    <message>
        <location filename="../menus.py" line="64"/>
        <source>Settings &amp;drawer</source>
        <translation>设置抽屉(&amp;D)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="65"/>
        <source>P&amp;resenter mode</source>
        <translation>演示模式(&amp;R)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="66"/>
        <source>&amp;Follow one request</source>
        <translation>跟踪一个请求(&amp;F)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="67"/>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="68"/>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="69"/>
        <source>&amp;Actual size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="70"/>
        <source>Step ▸|</source>
        <translation>单步 ▸|</translation>
    </message>
    <message>
        <location filename="../menus.py" line="71"/>
        <source>Advance to the next event and pause (→ or .)</source>
        <translation>前进到下一个事件并暂停（→ 或 .）</translation>
    </message>
    <message>
        <location filename="../menus.py" line="72"/>
        <source>Reset ⟲</source>
        <translation>重置 ⟲</translation>
    </message>
    <message>
        <location filename="../menus.py" line="73"/>
        <source>Start the run over with the current settings (Ctrl+R)</source>
        <translation>用当前设置重新开始运行（Ctrl+R）</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <location filename="../panels.py" line="250"/>
        <source>Zoom {z} %</source>
        <translation>缩放 {z} %</translation>
    </message>
</context>
<context>
    <name>PileView</name>
    <message>
        <location filename="../dumpview.py" line="65"/>
        <source>Source of {f} not found (give its folder with --src); its stack:</source>
        <translation>找不到 {f} 的源代码（用 --src 指定其目录）；它的调用栈：</translation>
    </message>
</context>
<context>
    <name>PlayPanel</name>
    <message>
        <location filename="../play.py" line="337"/>
        <source>Play the scheduler</source>
        <translation>扮演调度器</translation>
    </message>
    <message>
        <location filename="../play.py" line="338"/>
        <source>One request, {n} checks: choose what each sends and when it finishes. done holds {cd}, quit {cq}.</source>
        <translation>一个请求，{n} 个检查：为每个检查选择它发送什么、第几个完成。done 可缓存 {cd} 个值，quit 可缓存 {cq} 个。</translation>
    </message>
    <message>
        <location filename="../play.py" line="341"/>
        <source>(The window has {m} checks: a class plays {n}.)</source>
        <translation>（窗口设置了 {m} 个检查：课堂上只玩 {n} 个。）</translation>
    </message>
    <message>
        <location filename="../play.py" line="343"/>
        <source>check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../play.py" line="343"/>
        <source>sends on</source>
        <translation>发送到</translation>
    </message>
    <message>
        <location filename="../play.py" line="343"/>
        <source>finishes</source>
        <translation>完成顺序</translation>
    </message>
    <message>
        <location filename="../play.py" line="350"/>
        <source>Passes: sends on done. Fails: sends on quit. Space or Enter switches.</source>
        <translation>通过：发送到 done。失败：发送到 quit。按空格或回车切换。</translation>
    </message>
    <message>
        <location filename="../play.py" line="353"/>
        <source>Stranded: blocked for ever</source>
        <translation>永久阻塞</translation>
    </message>
    <message>
        <location filename="../play.py" line="357"/>
        <source>How many checks will be stranded (blocked for ever)?</source>
        <translation>会有几个检查永久阻塞？</translation>
    </message>
    <message>
        <location filename="../play.py" line="358"/>
        <source>your guess</source>
        <translation>你的猜测</translation>
    </message>
    <message>
        <location filename="../play.py" line="359"/>
        <source>Run ▶</source>
        <translation>运行 ▶</translation>
    </message>
    <message>
        <location filename="../play.py" line="360"/>
        <source>Run this request on the engine and watch (Enter)</source>
        <translation>在引擎上运行这个请求并观看（回车）</translation>
    </message>
    <message>
        <location filename="../play.py" line="361"/>
        <source>Random schedule</source>
        <translation>随机调度</translation>
    </message>
    <message>
        <location filename="../play.py" line="362"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../play.py" line="363"/>
        <source>Explorer at done {cd} × quit {cq}</source>
        <translation>容量探索器：done {cd} × quit {cq}</translation>
    </message>
    <message>
        <location filename="../play.py" line="368"/>
        <source>All schedules of {n} checks, by how many checks they strand:</source>
        <translation>{n} 个检查的所有调度，按永久阻塞的检查个数统计：</translation>
    </message>
    <message>
        <location filename="../play.py" line="381"/>
        <source>The engine stranded &lt;b&gt;{k}&lt;/b&gt; of the {n} checks: {list}.</source>
        <translation>引擎让 {n} 个检查中的 &lt;b&gt;{k}&lt;/b&gt; 个永久阻塞：{list}。</translation>
    </message>
    <message>
        <location filename="../play.py" line="384"/>
        <source>The engine stranded &lt;b&gt;none&lt;/b&gt; of the {n} checks.</source>
        <translation>引擎没有让 {n} 个检查中的&lt;b&gt;任何一个&lt;/b&gt;永久阻塞。</translation>
    </message>
    <message>
        <location filename="../play.py" line="386"/>
        <source>(no prediction)</source>
        <translation>（没有预测）</translation>
    </message>
    <message>
        <location filename="../play.py" line="388"/>
        <source>&lt;span style=&apos;color:{c}&apos;&gt;Your prediction, {g}, was right.&lt;/span&gt;</source>
        <translation>&lt;span style='color:{c}'&gt;你预测的 {g} 是对的。&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../play.py" line="390"/>
        <source>You said {g}.</source>
        <translation>你预测的是 {g}。</translation>
    </message>
    <message>
        <location filename="../play.py" line="400"/>
        <source>Of all {total} (2&lt;sup&gt;{n}&lt;/sup&gt; outcomes × {n}! orders): &lt;b&gt;{same}&lt;/b&gt; strand {k} as this one did; {none} strand none.</source>
        <translation>在全部 {total} 种调度中（2&lt;sup&gt;{n}&lt;/sup&gt; 种结果 × {n}! 种顺序）：&lt;b&gt;{same}&lt;/b&gt; 和这次一样有 {k} 个永久阻塞；{none} 没有任何阻塞。</translation>
    </message>
    <message>
        <location filename="../play.py" line="405"/>
        <source>&lt;b&gt;At these capacities every schedule is safe.&lt;/b&gt;</source>
        <translation>&lt;b&gt;在这样的容量下，每种调度都不会泄漏。&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../play.py" line="406"/>
        <source>Every schedule is safe only from done {sd}, quit {sq}: the first check to finish may fail, and all the others then send on one channel.</source>
        <translation>只有 done 至少 {sd}、quit 至少 {sq} 时，每种调度才都不会泄漏：第一个完成的检查可能失败，其余的检查随后都发送到同一个通道。</translation>
    </message>
</context>
<context>
    <name>SchedulerGame</name>
    <message>
        <location filename="../play.py" line="439"/>
        <source>Play the scheduler plays the article&apos;s handler: choose a preset first.</source>
        <translation>扮演调度器使用文章中的处理函数：请先选择一个预设。</translation>
    </message>
    <message>
        <location filename="../play.py" line="447"/>
        <source>Play the scheduler scripts each check&apos;s time and result: it plays the Python transcription of this handler.</source>
        <translation>扮演调度器为每个检查指定耗时和结果：它运行这个处理函数的 Python 转写版本。</translation>
    </message>
    <message>
        <location filename="../play.py" line="507"/>
        <source>&lt;b&gt;Stranded, or not?&lt;/b&gt; Predict first: the engine answers when it has run.</source>
        <translation>&lt;b&gt;会不会永久阻塞？&lt;/b&gt;先预测：引擎运行完后给出答案。</translation>
    </message>
</context>
<context>
    <name>SharedChart</name>
    <message>
        <location filename="../compare.py" line="36"/>
        <source>What the stranded goroutines of each variant would hold in Go, over the same simulated time.</source>
        <translation>每种写法中永久阻塞的 goroutine 在 Go 中会占用的内存，在同一段模拟时间上。</translation>
    </message>
    <message>
        <location filename="../compare.py" line="61"/>
        <source>{t} s simulated</source>
        <translation>模拟 {t} 秒</translation>
    </message>
</context>
<context>
    <name>SiteLanes</name>
    <message>
        <location filename="../sitelanes.py" line="29"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="30"/>
        <source>runnable</source>
        <translation>可运行</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="31"/>
        <source>sleeping</source>
        <translation>休眠中</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="32"/>
        <source>blocked</source>
        <translation>阻塞</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="33"/>
        <source>stranded</source>
        <translation>永久阻塞</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="34"/>
        <source>panicked</source>
        <translation>panic</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="35"/>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="46"/>
        <location filename="../sitelanes.py" line="181"/>
        <source>main goroutine</source>
        <translation>main 的 goroutine</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="50"/>
        <source>net/http: one goroutine per request</source>
        <translation>net/http：每个请求一个 goroutine</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="52"/>
        <source>testing: the goroutine that runs the test</source>
        <translation>testing：运行该测试的 goroutine</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="53"/>
        <source>inside {pkg}</source>
        <translation>{pkg} 内部</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="54"/>
        <location filename="../sitelanes.py" line="182"/>
        <source>go statement at {where}</source>
        <translation>{where} 处的 go 语句</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="120"/>
        <source>+{n} more</source>
        <translation>还有 {n} 个</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="127"/>
        <source>blocked at {where}: {what}</source>
        <translation>阻塞在 {where}：{what}</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="158"/>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="160"/>
        <source>{n} waiting to send</source>
        <translation>{n} 个等待发送</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="162"/>
        <source>{n} waiting to receive</source>
        <translation>{n} 个等待接收</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="183"/>
        <source>held by {who}, finished</source>
        <translation>被{who}持有，它已结束</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="184"/>
        <source>held by {who}</source>
        <translation>被{who}持有</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="189"/>
        <source>{n} waiting</source>
        <translation>{n} 个在等待</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="209"/>
        <source>1 go statement</source>
        <translation>1 条 go 语句</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="209"/>
        <source>{n} go statements</source>
        <translation>{n} 条 go 语句</translation>
    </message>
    <message>
        <location filename="../sitelanes.py" line="210"/>
        <source>{statements} · {started} goroutines started · {live} alive</source>
        <translation>{statements} · 已启动 {started} 个 goroutine · {live} 个存活</translation>
    </message>
</context>
<context>
    <name>Source</name>
    <message>
        <location filename="../source.py" line="47"/>
        <source>No test {name} in this package.</source>
        <translation>这个包里没有测试 {name}。</translation>
    </message>
    <message>
        <location filename="../source.py" line="52"/>
        <source>No dial {key}: this program&apos;s are {keys}.</source>
        <translation>没有旋钮 {key}：这个程序的旋钮是 {keys}。</translation>
    </message>
    <message>
        <location filename="../source.py" line="55"/>
        <source>{key} must be a whole number from 0 to 1,000,000.</source>
        <translation>{key} 必须是 0 到 1,000,000 之间的整数。</translation>
    </message>
    <message>
        <location filename="../source.py" line="73"/>
        <source>{file}, replaying {log}</source>
        <translation>{file}，重放 {log}</translation>
    </message>
    <message>
        <location filename="../source.py" line="75"/>
        <source>{test} (seed {seed})</source>
        <translation>{test}（种子 {seed}）</translation>
    </message>
    <message>
        <location filename="../source.py" line="76"/>
        <source>Running {file}: press Space to play.</source>
        <translation>正在运行 {file}：按空格键播放。</translation>
    </message>
    <message>
        <location filename="../source.py" line="175"/>
        <source>{dial} = {n}: channels made from now on get it; those made before keep theirs.</source>
        <translation>{dial} = {n}：此后创建的通道使用它；之前创建的保持原样。</translation>
    </message>
    <message>
        <location filename="../source.py" line="227"/>
        <source>&lt;code&gt;{var}&lt;/code&gt; (line {line})</source>
        <translation>&lt;code&gt;{var}&lt;/code&gt;（第 {line} 行）</translation>
    </message>
    <message>
        <location filename="../source.py" line="230"/>
        <source>Capacity {n} for {names} strands nothing in this run (F9: its dials).</source>
        <translation>{names}的容量设为 {n} 时，这次运行没有 goroutine 永久阻塞（F9：调节容量）。</translation>
    </message>
    <message>
        <location filename="../source.py" line="232"/>
        <source>No capacity up to {most} for {names} helps: the fix is in the code (a receiver, ctx.Done(), a close).</source>
        <translation>{names}的容量设到 {most} 也无济于事：要改的是代码（接收者、ctx.Done()、close）。</translation>
    </message>
</context>
<context>
    <name>Stage</name>
    <message>
        <location filename="../stage.py" line="103"/>
        <source>Each lane is one request: its check goroutines (left) send on done or quit (middle) to the handler (right).
Red crossed squares are stranded goroutines: blocked forever.</source>
        <translation>每一行是一个请求：它的检查 goroutine（左）通过 done 或 quit（中）发送给 handler（右）。
带叉的红色方块是永久阻塞的 goroutine：永远阻塞。</translation>
    </message>
    <message>
        <location filename="../stage.py" line="258"/>
        <source>{shown} most recent of {total} requests</source>
        <translation>{total} 个请求中最近的 {shown} 个</translation>
    </message>
    <message>
        <location filename="../stage.py" line="262"/>
        <source>  ·  {n} earlier requests folded away</source>
        <translation>  ·  已折叠 {n} 个较早的请求</translation>
    </message>
    <message>
        <location filename="../stage.py" line="291"/>
        <source>{n} stranded</source>
        <translation>{n} 个永久阻塞</translation>
    </message>
    <message>
        <location filename="../stage.py" line="310"/>
        <location filename="../stage.py" line="470"/>
        <source>no buffer</source>
        <translation>无缓冲</translation>
    </message>
    <message>
        <location filename="../stage.py" line="301"/>
        <location filename="../stage.py" line="506"/>
        <source>handler</source>
        <translation>handler</translation>
    </message>
    <message>
        <location filename="../stage.py" line="254"/>
        <source>No request has arrived yet</source>
        <translation>还没有请求到达</translation>
    </message>
    <message>
        <location filename="../stage.py" line="256"/>
        <source>{n} request(s)</source>
        <translation>{n} 个请求</translation>
    </message>
    <message>
        <location filename="../stage.py" line="301"/>
        <location filename="../stage.py" line="509"/>
        <source>receiving…</source>
        <translation>接收中…</translation>
    </message>
    <message>
        <location filename="../stage.py" line="451"/>
        <source>no receiver</source>
        <translation>无接收者</translation>
    </message>
    <message>
        <location filename="../stage.py" line="452"/>
        <source>nobody</source>
        <translation>无人</translation>
    </message>
    <message>
        <location filename="../stage.py" line="513"/>
        <location filename="../stage.py" line="517"/>
        <source>returned {code}</source>
        <translation>已返回 {code}</translation>
    </message>
    <message>
        <location filename="../stage.py" line="520"/>
        <source>{name} closed</source>
        <translation>{name} 已关闭</translation>
    </message>
    <message>
        <location filename="../stage.py" line="525"/>
        <source>drain</source>
        <translation>drain</translation>
    </message>
    <message>
        <location filename="../stage.py" line="534"/>
        <source>Stranded forever: ?</source>
        <translation>永久阻塞：?</translation>
    </message>
    <message>
        <location filename="../stage.py" line="537"/>
        <source>Predict first: the count comes with the answer.</source>
        <translation>先预测：答案揭晓时才显示数量。</translation>
    </message>
    <message>
        <location filename="../stage.py" line="538"/>
        <source>Predict first.</source>
        <translation>先预测。</translation>
    </message>
    <message>
        <location filename="../stage.py" line="544"/>
        <source>Stranded forever: {n}</source>
        <translation>永久阻塞：{n}</translation>
    </message>
    <message>
        <location filename="../stage.py" line="548"/>
        <source>Go would hold {bytes}</source>
        <translation>在 Go 中将占用 {bytes}</translation>
    </message>
    <message>
        <location filename="../stage.py" line="551"/>
        <source>{n} more can never continue (Go&apos;s profile does not report them)</source>
        <translation>另有 {n} 个永远无法继续（Go 的泄漏分析不报告它们）</translation>
    </message>
    <message>
        <location filename="../stage.py" line="572"/>
        <source>No goroutine is stranded.</source>
        <translation>没有永久阻塞的 goroutine。</translation>
    </message>
    <message>
        <location filename="../stage.py" line="591"/>
        <location filename="../stage.py" line="600"/>
        <source>each square = {unit} goroutines</source>
        <translation>每个方块 = {unit} 个 goroutine</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../timeline.py" line="40"/>
        <source>Drag to any moment of the run; ← and → step one event back and forward.
Red: the first stranded goroutine. Orange ticks: handlers returning early. Blue: a setting changed mid-run.</source>
        <translation>拖动到运行中的任意时刻；← 和 → 后退或前进一个事件。
红色：第一个永久阻塞的 goroutine。橙色刻度：handler 提前返回。蓝色：运行中修改了设置。</translation>
    </message>
    <message>
        <location filename="../timeline.py" line="122"/>
        <source>live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../timeline.py" line="123"/>
        <source>replay at {t} s · event {i} of {n}</source>
        <translation>回放 {t} 秒 · 第 {i} / {n} 个事件</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <location filename="../dumpview.py" line="130"/>
        <source>LEAKING {site}: +{rate}/s, {n} in an hour ({mem}){ok}</source>
        <translation>正在泄漏 {site}：+{rate}/秒，一小时 {n} 个（{mem}）{ok}</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="132"/>
        <source> — Go agrees (goroutineleak)</source>
        <translation> — Go 也这样认为（goroutineleak）</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="141"/>
        <source>Watch a URL to chart its goroutines over time.</source>
        <translation>持续观察一个 URL，即可画出其 goroutine 随时间的变化。</translation>
    </message>
    <message>
        <location filename="../dumpview.py" line="172"/>
        <source>Not answering: {e} (still polling)</source>
        <translation>没有响应：{e}（仍在轮询）</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <location filename="../verdict.py" line="16"/>
        <source>&lt;b&gt;Cannot leak.&lt;/b&gt; Every send also waits on &lt;code&gt;{s}&lt;/code&gt;, which the handler closes when it returns, so a check with nobody to receive its result gives up instead of blocking forever, whatever the capacities.</source>
        <translation>&lt;b&gt;不会泄漏。&lt;/b&gt;每次发送同时等待 &lt;code&gt;{s}&lt;/code&gt;，handler 返回时会关闭它；没有人接收结果的检查会放弃发送，而不是永远阻塞，无论容量多大。</translation>
    </message>
    <message>
        <location filename="../verdict.py" line="21"/>
        <source>&lt;b&gt;Cannot leak.&lt;/b&gt; When the handler returns early, a drain goroutine receives every result still to come, so every send completes.</source>
        <translation>&lt;b&gt;不会泄漏。&lt;/b&gt;handler 提前返回时，会启动一个 drain goroutine 接收剩下的所有结果，因此每次发送都能完成。</translation>
    </message>
    <message>
        <location filename="../verdict.py" line="25"/>
        <source>&lt;b&gt;Cannot leak.&lt;/b&gt; done holds {cd} and quit holds {cq}: room for every check that finishes after the handler has stopped listening (it needs at most {nd} and {nq}).</source>
        <translation>&lt;b&gt;不会泄漏。&lt;/b&gt;done 可缓冲 {cd} 个、quit 可缓冲 {cq} 个：足以容纳 handler 停止接收后才完成的所有检查（最多需要 {nd} 和 {nq}）。</translation>
    </message>
    <message>
        <location filename="../verdict.py" line="30"/>
        <source>&lt;b&gt;Leaks.&lt;/b&gt; The channels have no buffer, so a send waits for a receiver. After the first failing check the handler returns and nobody receives any more: every check that finishes later blocks forever. The smallest capacities that cannot leak here: done {nd}, quit {nq}.</source>
        <translation>&lt;b&gt;会泄漏。&lt;/b&gt;通道没有缓冲，发送必须等到有人接收。第一个检查失败后 handler 就返回了，再也没有人接收：之后完成的每个检查都会永远阻塞。在这里不会泄漏的最小容量：done {nd}，quit {nq}。</translation>
    </message>
    <message>
        <location filename="../verdict.py" line="35"/>
        <source>&lt;b&gt;Leaks.&lt;/b&gt; After the first failing check the handler returns and nobody receives any more: later checks fill the buffers (done holds {cd}, quit holds {cq}) and every one after that blocks forever. The smallest capacities that cannot leak here: done {nd}, quit {nq}.</source>
        <translation>&lt;b&gt;会泄漏。&lt;/b&gt;第一个检查失败后 handler 就返回了，再也没有人接收：之后的检查先填满缓冲（done 可放 {cd} 个，quit 可放 {cq} 个），再往后的每一个都会永远阻塞。在这里不会泄漏的最小容量：done {nd}，quit {nq}。</translation>
    </message>
    <message>
        <location filename="../verdict.py" line="52"/>
        <source>&lt;b&gt;Nothing stranded.&lt;/b&gt; Every goroutine finished.</source>
        <translation>&lt;b&gt;没有泄漏。&lt;/b&gt;每个 goroutine 都已结束。</translation>
    </message>
    <message>
        <location filename="../verdict.py" line="58"/>
        <source>&lt;b&gt;Nothing stranded by Go&apos;s rule.&lt;/b&gt; When the program ended, goroutines were still blocked: {where}. Go&apos;s goroutine leak profile does not report them: what they wait on is still reachable (from a global variable, say), even if nothing will ever release it.</source>
        <translation>&lt;b&gt;按 Go 的规则没有泄漏。&lt;/b&gt;程序结束时仍有 goroutine 阻塞：{where}。Go 的 goroutine 泄漏分析不会报告它们：它们等待的东西仍然可达（例如来自一个全局变量），即使再也没有谁会释放它。</translation>
    </message>
    <message>
        <location filename="../verdict.py" line="62"/>
        <source>&lt;b&gt;Nothing stranded so far.&lt;/b&gt; A goroutine is stranded when it is blocked and nothing that can still run could ever wake it: Go&apos;s goroutine leak rule.</source>
        <translation>&lt;b&gt;目前没有泄漏。&lt;/b&gt;一个 goroutine 阻塞着，而且任何还能运行的代码都不可能再唤醒它，它就永久阻塞了：这是 Go 判定 goroutine 泄漏的规则。</translation>
    </message>
    <message>
        <location filename="../verdict.py" line="74"/>
        <source>&lt;b&gt;Leaks.&lt;/b&gt; 1 goroutine can never continue: {where}. Nothing can wake it: in Go it stays until the process exits.</source>
        <translation>&lt;b&gt;会泄漏。&lt;/b&gt;1 个 goroutine 永远无法继续：{where}。没有什么能唤醒它：在 Go 里它会一直留到进程退出。</translation>
    </message>
    <message>
        <location filename="../verdict.py" line="88"/>
        <source>select {} with no cases</source>
        <translation>没有任何 case 的 select {}</translation>
    </message>
    <message>
        <location filename="../verdict.py" line="90"/>
        <source>{op} on a nil channel</source>
        <translation>在 nil 通道上{op}</translation>
    </message>
    <message>
        <location filename="../verdict.py" line="91"/>
        <source>send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../verdict.py" line="91"/>
        <source>receive</source>
        <translation>接收</translation>
    </message>
    <message>
        <location filename="../verdict.py" line="93"/>
        <source>send on {c}</source>
        <translation>向 {c} 发送</translation>
    </message>
    <message>
        <location filename="../verdict.py" line="93"/>
        <source>receive from {c}</source>
        <translation>从 {c} 接收</translation>
    </message>
    <message>
        <location filename="../verdict.py" line="94"/>
        <source>select on {c}</source>
        <translation>在 {c} 上 select</translation>
    </message>
    <message>
        <location filename="../verdict.py" line="55"/>
        <location filename="../verdict.py" line="68"/>
        <source>{n} at &lt;code&gt;{where}&lt;/code&gt; ({what})</source>
        <translation>{n} 个在 &lt;code&gt;{where}&lt;/code&gt;（{what}）</translation>
    </message>
    <message>
        <location filename="../verdict.py" line="72"/>
        <source>{n} elsewhere</source>
        <translation>其他位置 {n} 个</translation>
    </message>
    <message>
        <location filename="../verdict.py" line="76"/>
        <source>&lt;b&gt;Leaks.&lt;/b&gt; {n} goroutines can never continue: {where}. Nothing can wake them: in Go they stay until the process exits.</source>
        <translation>&lt;b&gt;会泄漏。&lt;/b&gt;{n} 个 goroutine 永远无法继续：{where}。没有什么能唤醒它们：在 Go 里它们会一直留到进程退出。</translation>
    </message>
</context>
</TS>
