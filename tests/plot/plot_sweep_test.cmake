# cmake -DPAVP=.. -DPYTHON=.. -DSCRIPT=plot_study.py -DDIR=work-dir -P plot_sweep_test.cmake
# A sweep of two D-cache sizes x two associativities, drawn: one picture per
# varied parameter.
file(REMOVE_RECURSE ${DIR})
file(MAKE_DIRECTORY ${DIR})
file(WRITE ${DIR}/sweep.toml "fixes = [\"none\", \"cow-flush\"]\nschedules = 0\nplacements = 0\n"
     "[[vary]]\nkey = \"dcache.size\"\nvalues = [\"8K\", \"16K\"]\n"
     "[[vary]]\nkey = \"dcache.associativity\"\nvalues = [1, 2]\n")
execute_process(COMMAND ${PAVP} sweep ${DIR}/sweep.toml -j 1 --out ${DIR}
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pavp sweep failed (${rc}): ${err}")
endif()
execute_process(COMMAND ${PYTHON} ${SCRIPT} ${DIR}/sweep.json RESULT_VARIABLE rc
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "plot_study.py failed on a sweep (${rc}): ${err}")
endif()
foreach(name sweep-dcache.size sweep-dcache.associativity)
  foreach(ext png svg)
    set(f ${DIR}/${name}.${ext})
    if(NOT EXISTS ${f})
      message(FATAL_ERROR "${f} was not written (${out})")
    endif()
    file(SIZE ${f} size)
    if(size LESS 1000)
      message(FATAL_ERROR "${f} holds only ${size} bytes")
    endif()
  endforeach()
  file(READ ${DIR}/${name}.png magic LIMIT 4 HEX)
  if(NOT magic STREQUAL "89504e47")
    message(FATAL_ERROR "${name}.png is not a PNG (starts with ${magic})")
  endif()
endforeach()
# A sweep.json without its parameters' values: one line, exit status 2.
file(WRITE ${DIR}/bad.json "{\"parameters\": [{\"key\": \"dcache.size\"}], \"rows\": []}")
execute_process(COMMAND ${PYTHON} ${SCRIPT} ${DIR}/bad.json RESULT_VARIABLE rc
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(STRIP "${err}" err)
string(FIND "${err}" "\n" newline)
if(NOT rc EQUAL 2 OR NOT newline EQUAL -1 OR NOT err MATCHES "^plot_study: .*bad.json: 'parameters'")
  message(FATAL_ERROR "a malformed sweep gave exit ${rc} and '${err}'")
endif()
message("plot_study: a picture per varied parameter, malformed input refused in one line")
