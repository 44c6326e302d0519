"""The case code (调取码): a request as short text that prints as a QR code and that a counter's scanner types back.

``encode_case(request)`` gives ``YB1`` followed by letters A–Z and digits 2–7 only: a handheld scanner working as a
keyboard types it whatever the keyboard layout, Caps Lock or input method (no punctuation for a Chinese input method to
turn full-width), and it is read case-blind. It fits a QR code's alphanumeric mode. ``decode_case(text)`` gives the
request back with the app version and the date the code was made, or refuses with one Chinese line (``CaseCodeError``):
not a code, damaged (the checksum), or made by a newer version of the app.

Inside (format 1): base32 of a CRC-32 (4 bytes) followed by raw deflate (with a preset dictionary) of two lines of
UTF-8 JSON, the maker ``{"made_on": ..., "version": ...}`` and the request (keys sorted, defaults left out, the rules
date always kept). The request is read back by the same parser as a request file, so a code is accepted or refused
like one.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from dataclasses import dataclass
from datetime import date

from yibao.rules.inputs import ascii_digits, normalise
from yibao.rules.models import Request
from yibao.rules.requests import request_from_text, version_key
from yibao.version import app_version

PREFIX = "YB"
FORMAT = 1
_HEAD = f"{PREFIX}{FORMAT}"
_CHECK_BYTES = 4
_BODY = re.compile(r"[A-Z2-7]+", re.ASCII)
# Deflate's preset dictionary for format 1 (never change it: codes on paper are read with it): the words a request is
# made of, so that a code names them in a few bits. Two more lines in the form of a code's payload.
_WORDS = (
    b'{"made_on":"2026-01-01","version":"0.1.0"}\n'
    b'{"city":"jinan","contribution":{"flexible_option":"without_account","monthly_base":"4000.00"},'
    b'"enrolment":{"first_contribution_month":"2024-01","first_enrolment":false},'
    b'"fund":{"accumulated_surplus":"0.00","city_share_ratio":"0.5","deficit":"0.00","last_year_premium_income":'
    b'"100000000.00","last_year_remittance":"100000000.00","province_share_ratio":"0.5"},'
    b'"retirement":{"deemed_months":12,"last_month_pension":"3000.00","last_monthly_base":"5000.00","minimum_base":'
    b'"4000.00","never_enrolled":true,"paid_months":300},'
    b'"year_to_date":{"inpatient_fund_paid":"0.00","inpatient_stays":1,"inpatient_supplement_deductible_counted":"0.00",'
    b'"inpatient_supplement_paid":"0.00","outpatient_deductible_counted":"0.00","outpatient_fund_paid":"0.00",'
    b'"outpatient_supplement_paid":"0.00"}}\n'
    b'{"city":"yantai","on":"2025-06-01","person":{"age":60,"employment":"public_institution","retired":true,'
    b'"sex":"female"},"visits":[{"in_scope":"1000.00","kind":"inpatient","out_of_scope":"200.00",'
    b'"self_pay_first":"100.00","tier":2},{"in_scope":"1500.00","kind":"outpatient","tier":3},'
    b'{"in_scope":"800.00","kind":"outpatient","tier":1},{"in_scope":"2000.00","kind":"outpatient","tier":2}]}'
)
MAX_CODE_LENGTH = 100_000  # the text copy of a year of 1,000 visits holds about 8,000 characters
MAX_PAYLOAD_BYTES = 400_000  # a request of 1,000 visits is about 70 kB of JSON


class CaseCodeError(ValueError):
    """Why a code cannot be read, in one Chinese line."""


@dataclass(frozen=True)
class DecodedCase:
    request: Request
    version: str  # the app version that made the code
    made_on: date


def encode_case(request: Request, made_on: date | None = None) -> str:
    """The request as a case code, stamped with this app's version and ``made_on`` (today by default)."""
    data = request.model_dump(mode="json", exclude_defaults=True)
    data["on"] = request.on.isoformat()  # its default is "today": left out, it would change with the day of reading
    maker = {"made_on": (made_on or date.today()).isoformat(), "version": app_version()}
    payload = "\n".join(json.dumps(part, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                        for part in (maker, data))
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15, zdict=_WORDS)
    body = deflate.compress(payload.encode("utf-8")) + deflate.flush()
    check = zlib.crc32(body).to_bytes(_CHECK_BYTES, "big")
    return _HEAD + base64.b32encode(check + body).decode("ascii").rstrip("=")


def decode_case(text: str) -> DecodedCase:
    """The case in a scanned or pasted code; CaseCodeError (one Chinese line) when it cannot be used."""
    code = re.sub(r"\s+", "", normalise(text)).upper()
    if not code.startswith(PREFIX) or len(code) <= len(_HEAD):
        raise CaseCodeError("这不是本程序的测算调取码（调取码以 YB 开头）")
    if code[len(PREFIX)] != str(FORMAT):
        if ascii_digits(code[len(PREFIX)]) and int(code[len(PREFIX)]) > FORMAT:
            raise CaseCodeError(f"这个调取码由更新版本的程序生成，本程序（{app_version()}）无法读取，请升级后再调取")
        raise CaseCodeError("这不是本程序的测算调取码（调取码以 YB1 开头）")
    body = code[len(_HEAD):]
    if len(body) > MAX_CODE_LENGTH or not _BODY.fullmatch(body):
        raise CaseCodeError("调取码不完整或已损坏（含有调取码不用的字符），请重新扫描")
    payload = _payload(body)
    try:
        maker_line, request_text = payload.split("\n", 1)
        maker = json.loads(maker_line)
        version, made_on = str(maker["version"]), date.fromisoformat(maker["made_on"])
    except (ValueError, KeyError, TypeError):
        raise CaseCodeError("调取码已损坏（内容无法读取），请重新扫描") from None
    if version_key(version) > version_key(app_version()):
        raise CaseCodeError(f"这个调取码由更新版本（{version}）的程序生成，本程序是 {app_version()}，请升级后再调取")
    return DecodedCase(_request(request_text, version), version, made_on)


def _payload(body: str) -> str:
    """The two JSON lines, after the checksum is checked."""
    try:
        raw = base64.b32decode(body + "=" * (-len(body) % 8))
    except binascii.Error:
        raise CaseCodeError("调取码不完整或已损坏（长度不对），请重新扫描") from None
    check, compressed = raw[:_CHECK_BYTES], raw[_CHECK_BYTES:]
    if len(raw) <= _CHECK_BYTES or zlib.crc32(compressed).to_bytes(_CHECK_BYTES, "big") != check:
        raise CaseCodeError("调取码不完整或已损坏（校验不符），请重新扫描")
    inflate = zlib.decompressobj(-15, zdict=_WORDS)
    try:
        data = inflate.decompress(compressed, MAX_PAYLOAD_BYTES)
        return data.decode("utf-8") if inflate.eof and not inflate.unconsumed_tail else ""
    except (zlib.error, UnicodeDecodeError):
        raise CaseCodeError("调取码已损坏（内容无法读取），请重新扫描") from None


def _request(text: str, written_by: str) -> Request:
    from yibao.rules import InputError

    try:
        return request_from_text(text, written_by)
    except InputError as exc:
        raise CaseCodeError(f"调取码中的测算条件无法使用：{exc.shown()}") from None
