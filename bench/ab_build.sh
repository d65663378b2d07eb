#!/bin/bash
# Issue 14/15 A/B: full builds of a 20,000-guide catalog into tmpfs, an old and a
# new binary alternated five times (OLD, NEW: release binaries; catalogs written by
# each version's bench/make_catalog.cpp, since the catalog format changed).
OLD=${OLD:?path to the old negotiateup}
NEW=${NEW:-build/release/bin/negotiateup}
for i in 1 2 3 4 5; do
  for v in old new; do
    B=$OLD; C=/dev/shm/ab/old-cat; [ $v = new ] && B=$NEW && C=/dev/shm/ab/new-cat
    rm -rf /dev/shm/ab/out-$v
    /usr/bin/time -f "$v %e %U %S" $B build --catalog $C --out /dev/shm/ab/out-$v --jobs 2 > /dev/null
  done
done 2>&1 | sort
