# pyvm's REPL compile server. pyvm has no Python compiler of its own, so the
# REPL keeps one host CPython running this loop for the whole session and
# sends it each entry. Frames in both directions are: one tag byte, a 4-byte
# little-endian payload length, the payload.
#
#   server -> pyvm, once:  b"V" + the importlib magic number (4 bytes)
#   pyvm -> server:        b"C" + UTF-8 source of the entry so far
#                          b"X" + a whole program (stdin that is not a
#                          terminal), compiled in 'exec' mode
#   server -> pyvm:        b"K" + a .pyc image of the compiled entry
#                          b"I" (empty): incomplete, read another line
#                          b"E" + the SyntaxError as CPython's REPL prints it
#
# codeop's CommandCompiler decides completeness exactly as code.InteractiveConsole
# does (a compound statement ends at a blank line) and carries __future__
# imports from one entry to the next, as the interactive interpreter does.
import codeop
import sys
import traceback

import _frozen_importlib_external as _bootstrap


def send(tag, payload=b""):
    out = sys.stdout.buffer
    out.write(tag + len(payload).to_bytes(4, "little") + payload)
    out.flush()


def main():
    inp = sys.stdin.buffer
    compiler = codeop.CommandCompiler()
    send(b"V", _bootstrap.MAGIC_NUMBER)
    while True:
        head = inp.read(5)
        if len(head) < 5 or head[:1] not in (b"C", b"X"):
            return
        source = inp.read(int.from_bytes(head[1:], "little")).decode("utf-8", "replace")
        try:
            if head[:1] == b"X":
                code = compile(source, "<stdin>", "exec", dont_inherit=True)
            else:
                code = compiler(source, "<stdin>", "single")
        except (SyntaxError, OverflowError, ValueError) as e:
            text = "".join(traceback.format_exception_only(type(e), e))
            send(b"E", text.encode("utf-8", "replace"))
            continue
        if code is None:
            send(b"I")
        else:
            send(b"K", bytes(_bootstrap._code_to_timestamp_pyc(code)))


main()
