# cmake -DPAVP=.. -DPYTHON=.. -DSCRIPT=plot_study.py -DDIR=work-dir -P plot_sweep_test.cmake
# A sweep of two D-cache sizes x two associativities, drawn: one picture per
# varied parameter.
include(${CMAKE_CURRENT_LIST_DIR}/plot_checks.cmake)
file(REMOVE_RECURSE ${DIR})
file(MAKE_DIRECTORY ${DIR})
file(WRITE ${DIR}/sweep.toml "fixes = [\"none\", \"cow-flush\"]\nschedules = 0\nplacements = 0\n"
     "[[vary]]\nkey = \"dcache.size\"\nvalues = [\"8K\", \"16K\"]\n"
     "[[vary]]\nkey = \"dcache.associativity\"\nvalues = [1, 2]\n")
run_or_fail("pavp sweep" ${PAVP} sweep ${DIR}/sweep.toml -j 1 --out ${DIR})
run_or_fail("plot_study.py on a sweep" ${PYTHON} ${SCRIPT} ${DIR}/sweep.json)
expect_pictures(${DIR} sweep-dcache.size sweep-dcache.associativity)
# A sweep.json without its parameters' values: one line, exit status 2.
expect_refused(${DIR}/bad.json "{\"parameters\": [{\"key\": \"dcache.size\"}], \"rows\": []}"
               "^plot_study: .*bad.json: 'parameters'")
message("plot_study: a picture per varied parameter, malformed input refused in one line")
