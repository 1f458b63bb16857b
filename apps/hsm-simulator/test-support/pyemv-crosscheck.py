#!/usr/bin/env python3
"""Cross-check oracle for the HSM simulator tests: reads JSON cases on stdin, answers with what
pyemv (https://pypi.org/project/pyemv/) computes for them. Test keys only; nothing is logged."""
import json
import sys

from pyemv import ac, kd, mac


def run(case):
    h = bytes.fromhex
    iss = h(case["issuerMk"])
    pan, psn = case["pan"], case["psn"]
    atc, un = h(case["atc"]), h(case["un"])
    data = h(case["data"])
    icc_a = kd.derive_icc_mk_a(iss, pan, psn)
    icc_b = kd.derive_icc_mk_b(iss, pan, psn)
    icc = icc_b if case["option"] == "B" else icc_a
    sk_csk = kd.derive_common_sk(icc, atc + b"\x00" * 6)
    sk_mc = kd.derive_common_sk(icc, atc + b"\x00\x00" + un)
    sk = {"0": icc, "1": sk_csk, "2": sk_mc}[case["scheme"]]
    padding = ac.PaddingType.VISA if case["padding"] == 1 else ac.PaddingType.EMV
    arqc = ac.generate_ac(sk, data, padding)
    mac_key = h(case["macKey"])
    msg = h(case["message"])
    return {
        "iccMkA": icc_a.hex().upper(),
        "iccMkB": icc_b.hex().upper(),
        "skCsk": sk_csk.hex().upper(),
        "skMastercard": sk_mc.hex().upper(),
        "arqc": arqc.hex().upper(),
        "arpc1": ac.generate_arpc_1(sk, arqc, h(case["arc"])).hex().upper(),
        "arpc2": ac.generate_arpc_2(sk, arqc, h(case["csu"]), h(case["prop"])).hex().upper(),
        "mac1": mac.mac_iso9797_3(mac_key[:8], mac_key[8:], msg, 1).hex().upper(),
        "mac2": mac.mac_iso9797_3(mac_key[:8], mac_key[8:], msg, 2).hex().upper(),
    }


if __name__ == "__main__":
    json.dump([run(c) for c in json.load(sys.stdin)], sys.stdout)
