"""The shipped Go examples (our own programs) with their captions in both languages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent / "examples"


@dataclass(frozen=True)
class Example:
    """One example: its file, what it shows (en, zh_CN) and the file of its fix, if it is a bug."""

    file: str
    title: dict
    caption: dict
    fix: str = ""

    @property
    def path(self) -> Path:
        """Where the example's Go file is, inside the installed package."""
        return HERE / self.file


def _ex(file: str, en: str, zh: str, cen: str, czh: str, fix: str = "") -> Example:
    return Example(file, {"en": en, "zh_CN": zh}, {"en": cen, "zh_CN": czh}, fix)


EXAMPLES = [
    _ex("article.go", "The article's handler", "文章中的 handler",
        "The first failing check returns early; every check that finishes later blocks on done or quit for ever.",
        "第一个失败的检查导致提前返回；之后完成的每个检查都会永远阻塞在 done 或 quit 上。", "article_buffered.go"),
    _ex("article_http.go", "The article's handler over HTTP", "文章中的 HTTP handler",
        "func(w http.ResponseWriter, r *http.Request): leakviz sends it requests at the chosen rate; main is not run.",
        "func(w http.ResponseWriter, r *http.Request)：leakviz 按设定速率向它发送请求；不运行 main。",
        "article_http_ctx.go"),
    _ex("article_http_ctx.go", "Fix over HTTP: select on r.Context().Done()", "HTTP 修复：select r.Context().Done()",
        "Each send also waits on the request's context, which net/http cancels when the handler returns.",
        "每次发送同时等待请求的 context，handler 返回时 net/http 会取消它。"),
    _ex("article_buffered.go", "Fix: buffered channels", "修复：带缓冲的通道",
        "Room for every check in done and quit: a send never waits.",
        "done 和 quit 能容纳所有检查的结果：发送永远不用等待。"),
    _ex("article_ctx.go", "Fix: select on ctx.Done()", "修复：select ctx.Done()",
        "Each send also waits on ctx.Done(), which the handler cancels when it returns.",
        "每次发送同时等待 ctx.Done()，handler 返回时会取消它。"),
    _ex("article_drain.go", "Fix: drain the rest", "修复：接收剩余结果",
        "On the early return a goroutine receives every result still to come.",
        "提前返回时，由一个 goroutine 接收剩下的所有结果。"),
    _ex("range_noclose.go", "No close: range waits for ever", "没有 close：range 永远等待",
        "The consumer ranges over jobs; the producer never closes it.",
        "消费者对 jobs 做 range；生产者从不关闭它。", "range_noclose_fix.go"),
    _ex("range_noclose_fix.go", "Fix: close when done", "修复：发送完就 close",
        "The producer closes jobs after the last one; each range ends.",
        "生产者发送完最后一个任务后关闭 jobs；每个 range 都会结束。"),
    _ex("contract.go", "Method contract: Stop not called", "方法约定：没有调用 Stop",
        "A Poller must be stopped; callers that forget leave its loop blocked.",
        "Poller 必须被停止；忘记调用的地方会让它的循环一直阻塞。", "contract_fix.go"),
    _ex("contract_fix.go", "Fix: defer p.Stop()", "修复：defer p.Stop()",
        "Every caller keeps the contract.", "每个调用者都遵守约定。"),
    _ex("double_send.go", "Double send", "重复发送",
        "On an error the worker sends twice; the caller receives once.",
        "出错时 worker 发送了两次；调用者只接收一次。", "double_send_fix.go"),
    _ex("double_send_fix.go", "Fix: return after the error", "修复：报错后 return",
        "Every path sends exactly once.", "每条路径只发送一次。"),
    _ex("early_return.go", "Early return", "提前返回",
        "The caller returns on a bad input before receiving the worker's answer.",
        "调用者在输入错误时提前返回，没有接收 worker 的结果。", "early_return_fix.go"),
    _ex("early_return_fix.go", "Fix: one slot of buffer", "修复：一个缓冲位",
        "The worker's one send always completes.", "worker 的那一次发送总能完成。"),
    _ex("lock_exit.go", "A lock never released", "一直没有释放的锁",
        "A writer returns early holding a global lock; every later reader blocks for ever, yet Go's leak "
        "profile reports none: the lock is still reachable.",
        "写入者持有全局锁时提前返回；之后每个读取者都永久阻塞，但 Go 的泄漏分析一个也不报告：锁仍然可达。",
        "lock_exit_fix.go"),
    _ex("lock_exit_fix.go", "Fix: defer mu.Unlock()", "修复：defer mu.Unlock()",
        "Every return releases the lock.", "每次返回都会释放锁。"),
    _ex("ncast.go", "N-cast: first answer wins", "N 路广播：只取第一个答案",
        "Ask N replicas, take the first answer; the other N-1 wait to send for ever.",
        "询问 N 个副本，只取第一个答案；其余 N-1 个永远等着发送。", "ncast_fix.go"),
    _ex("ncast_fix.go", "Fix: room for every answer", "修复：为每个答案留位置",
        "A buffer of N lets the late replicas finish.", "容量为 N 的缓冲让迟到的副本也能结束。"),
    _ex("timeout.go", "Timeout", "超时",
        "The caller stops waiting after 3 ms; a slow worker then waits to send for ever.",
        "调用者 3 毫秒后不再等待；慢的 worker 之后永远等着发送。", "timeout_fix.go"),
    _ex("timeout_fix.go", "Fix: buffered result", "修复：带缓冲的结果",
        "A late worker's send lands in the buffer.", "迟到的 worker 的发送进入缓冲。"),
]


def by_file(name: str) -> Example | None:
    """The example whose file is called ``name`` (a base name), if any."""
    base = Path(name).name
    return next((e for e in EXAMPLES if e.file == base and Path(name).resolve().parent == HERE.resolve()), None)
