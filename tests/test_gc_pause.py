"""The collector pauses during bulk work and afterwards leaves what it made alone."""

import gc

from papershelf.core.speed import gc_paused


def test_what_a_paused_block_keeps_is_out_of_the_collectors_sight():
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    with gc_paused():
        assert not gc.isenabled()
        kept = [[n] for n in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(kept)  # the first collection does not walk them
    cycle = []
    cycle.append(cycle)
    del cycle
    assert gc.collect() >= 1  # what is made afterwards is collected as usual
