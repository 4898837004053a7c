# cmake -DPAVP=.. -DPYTHON=.. -DSCRIPT=plot_study.py -DDIR=work-dir -P plot_test.cmake
include(${CMAKE_CURRENT_LIST_DIR}/plot_checks.cmake)
file(REMOVE_RECURSE ${DIR})
run_or_fail("pavp study" ${PAVP} study --preset pa8500 --fix none --fix pipt --schedules 1
            --placements 0 -j 1 --out ${DIR})
run_or_fail("plot_study.py" ${PYTHON} ${SCRIPT} ${DIR}/study.json)
expect_pictures(${DIR} study-pa8500)
# A malformed file: one line on standard error, exit status 2.
expect_refused(${DIR}/bad.json "{\"summary\": [" "^plot_study: .*bad.json: not JSON")
message("plot_study: pictures written, malformed input refused in one line")
