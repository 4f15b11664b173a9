#!/usr/bin/env python3
"""A client of the bss2-twin server (protocol BSS2TWIN/1), written from docs/remote.md alone.

Needs pyzmq and msgpack (Debian: python3-zmq, python3-msgpack). As a library:

    client = TwinClient("tcp://127.0.0.1:5555")
    reply = client.run(0, program_bytes)   # to-FPGA link words, e.g. from `PlaybackProgram.toFpga`
    reply.from_fpga, reply.execution_cycles
    client.run(0, program_bytes, run_timeout_ms=2000)   # stopped with `run-timeout` past 2 s of server time

As a command:

    bss2_twin_client.py ENDPOINT status
    bss2_twin_client.py ENDPOINT run CHIP PROGRAM_FILE RESPONSE_FILE [RUN_TIMEOUT_MS]

prints the reply content as JSON; an error reply exits with status 2.
"""

import datetime
import json
import sys
import uuid

import msgpack
import zmq

PROTOCOL_ID = b"BSS2TWIN/1"
PROTOCOL_VERSION = 1


class TwinError(Exception):
    """An error reply: `ename` is the code (docs/remote.md, "Errors"), `details` its map."""

    def __init__(self, ename, evalue, details):
        super().__init__(f"{ename}: {evalue}")
        self.ename = ename
        self.evalue = evalue
        self.details = details


class Reply:
    def __init__(self, header, parent_header, metadata, content, buffers):
        self.header = header
        self.parent_header = parent_header
        self.metadata = metadata
        self.content = content
        self.buffers = buffers

    @property
    def from_fpga(self):
        return self.buffers[0]

    @property
    def execution_cycles(self):
        return int(self.content["executionCycles"])


class TwinClient:
    def __init__(self, endpoint, timeout_ms=30_000, session=None, context=None):
        self.session = session or str(uuid.uuid4())
        self.timeout_ms = timeout_ms
        self.socket = (context or zmq.Context.instance()).socket(zmq.DEALER)
        self.socket.setsockopt(zmq.LINGER, 0)
        self.socket.connect(endpoint)

    def close(self):
        self.socket.close()

    def _request(self, msg_type, content, buffers):
        msg_id = str(uuid.uuid4())
        header = {
            "msgId": msg_id,
            "session": self.session,
            "msgType": msg_type,
            "version": PROTOCOL_VERSION,
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        }
        frames = [PROTOCOL_ID] + [msgpack.packb(m) for m in (header, {}, {}, content)] + list(buffers)
        self.socket.send_multipart(frames)
        while True:
            if not self.socket.poll(self.timeout_ms):
                raise TimeoutError(f"no reply within {self.timeout_ms} ms")
            frames = self.socket.recv_multipart()
            if len(frames) < 5 or frames[0] != PROTOCOL_ID:
                continue  # not a reply of this protocol
            header, parent, metadata, content = (msgpack.unpackb(f, raw=False) for f in frames[1:5])
            if parent.get("msgId") != msg_id:
                continue  # a late reply to an earlier request
            if content.get("status") == "error":
                raise TwinError(content.get("ename"), content.get("evalue"), content.get("details", {}))
            return Reply(header, parent, metadata, content, frames[5:])

    def run(self, chip, program, run_timeout_ms=None):
        """Runs one program (bytes of 64-bit big-endian to-FPGA phywords) on a chip.

        With `run_timeout_ms`, the server stops the program past that much run time (error `run-timeout`; the
        chip is then reset). Leave room in `timeout_ms` for it: the reply comes only after the stop.
        """
        content = {"chip": chip, "timeoutMs": self.timeout_ms}
        if run_timeout_ms is not None:
            content["runTimeoutMs"] = run_timeout_ms
        return self._request("run_request", content, [bytes(program)])

    def status(self):
        return self._request("status_request", {}, []).content


def main(argv):
    if len(argv) < 3 or argv[2] not in ("status", "run") or (argv[2] == "run" and len(argv) not in (6, 7)):
        print(__doc__, file=sys.stderr)
        return 64
    client = TwinClient(argv[1])
    try:
        if argv[2] == "status":
            print(json.dumps(client.status()))
            return 0
        with open(argv[4], "rb") as f:
            reply = client.run(int(argv[3]), f.read(), int(argv[6]) if len(argv) == 7 else None)
        with open(argv[5], "wb") as f:
            f.write(reply.from_fpga)
        print(json.dumps({"content": reply.content, "metadata": reply.metadata, "responseBytes": len(reply.from_fpga)}))
        return 0
    except TwinError as error:
        print(json.dumps({"ename": error.ename, "evalue": error.evalue, "details": error.details}))
        return 2
    finally:
        client.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
