"""A KPI's frozen image (the key of what is planned once per KPI) is made once and kept on it,
and it is the image of its fields: a KPI changed with `replace` has its own."""

from __future__ import annotations

import dataclasses

from kpi.catalog import BY_ID
from kpi.engine.memo import _fields_image, freeze


def test_a_kpi_image_is_its_fields_and_is_kept():
    kpi = dataclasses.replace(BY_ID["engagement_rate"])
    image = freeze(kpi)
    assert image == _fields_image(kpi)
    assert freeze(kpi) is image  # made once
    changed = dataclasses.replace(kpi, numerator="sum(likes)")
    assert freeze(changed) != image and freeze(changed) == _fields_image(changed)
    assert changed == dataclasses.replace(changed) and "_frozen_image" not in dataclasses.asdict(
        kpi
    )
    assert freeze((kpi, {"b": [1], "a": 2})) == (image, (("a", 2), ("b", (1,))))
