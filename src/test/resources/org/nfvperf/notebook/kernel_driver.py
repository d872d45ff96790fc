"""Drives a Jupyter kernel through jupyter_client, as a notebook front end does.

Reads {"kernel": NAME, "cells": [{"code": ..., "interrupt_after": SECONDS?}, ...]} as JSON on
stdin, starts the kernel by its kernelspec name (JUPYTER_PATH decides where it is found),
executes the cells in order (a cell may instead be {"inspect": CODE, "cursor_pos": N} or
{"is_complete": CODE}: then its result is the reply's content) (sending an interrupt request after interrupt_after seconds when
given, and again every second until the cell ends), and prints one JSON object per cell: the execute_reply status, elapsed seconds and the
IOPub outputs (stream, display_data, execute_result, error) of that cell.
"""
import json
import queue
import sys
import time

from jupyter_client.manager import start_new_kernel

TIMEOUT = 60


def collect(kc, msg_id, on_wait=None):
    outputs = []
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            msg = kc.get_iopub_msg(timeout=1)
        except queue.Empty:
            if time.monotonic() > deadline:
                raise RuntimeError("no idle status within %d s" % TIMEOUT)
            if on_wait:
                on_wait()
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        content = msg["content"]
        if kind == "status" and content["execution_state"] == "idle":
            return outputs
        if kind in ("execute_result", "display_data"):
            data = content["data"]
            outputs.append({"type": kind, "mimes": sorted(data),
                            "text": data.get("text/plain", ""),
                            "head": {k: v[:120] for k, v in data.items()},
                            "sizes": {k: len(v) for k, v in data.items()}})
        elif kind == "stream":
            outputs.append({"type": "stream", "name": content["name"], "text": content["text"]})
        elif kind == "error":
            outputs.append({"type": "error", "ename": content["ename"], "evalue": content["evalue"],
                            "traceback": content["traceback"]})


def main():
    request = json.load(sys.stdin)
    km, kc = start_new_kernel(kernel_name=request["kernel"], startup_timeout=TIMEOUT)
    results = []
    try:
        for cell in request["cells"]:
            if "inspect" in cell or "is_complete" in cell:
                if "inspect" in cell:
                    msg_id = kc.inspect(cell["inspect"], cell["cursor_pos"], detail_level=0)
                else:
                    msg_id = kc.is_complete(cell["is_complete"])
                while True:
                    reply = kc.get_shell_msg(timeout=TIMEOUT)
                    if reply["parent_header"].get("msg_id") == msg_id:
                        break
                results.append({"reply": reply["content"]})
                continue
            start = time.monotonic()
            msg_id = kc.execute(cell["code"])
            on_wait = None
            if cell.get("interrupt_after"):
                time.sleep(cell["interrupt_after"])
                km.interrupt_kernel()
                # repeated each second until the cell ends, like a user pressing "interrupt" again
                on_wait = km.interrupt_kernel
            outputs = collect(kc, msg_id, on_wait)
            while True:
                reply = kc.get_shell_msg(timeout=TIMEOUT)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            results.append({"status": reply["content"]["status"],
                            "elapsed": round(time.monotonic() - start, 3),
                            "outputs": outputs})
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
