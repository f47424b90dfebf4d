"""Reads metrics pages with the official Python client's parsers, for MetricsTextReferenceTest.

Usage: reference_parse.py prometheus|openmetrics PAGE...
Prints one JSON line per page: {"samples": [[name, {label: value}, repr(value), help], ...]} in
the order written, with the HELP of each sample's family, or {"error": why} when the parser
refuses the page.
"""
import json
import sys

from prometheus_client.openmetrics.parser import text_string_to_metric_families as read_openmetrics
from prometheus_client.parser import text_string_to_metric_families as read_prometheus


def main():
    read = read_openmetrics if sys.argv[1] == "openmetrics" else read_prometheus
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8", newline="") as page:
            text = page.read()
        try:
            samples = [
                [sample.name, sample.labels, repr(float(sample.value)), family.documentation]
                for family in read(text)
                for sample in family.samples
            ]
            print(json.dumps({"samples": samples}))
        except Exception as refused:  # the parsers raise ValueError, and others on odd input
            print(json.dumps({"error": f"{type(refused).__name__}: {refused}"}))


main()
