# What the plot tests check, shared by plot_test.cmake and plot_sweep_test.cmake.

# expect_pictures(DIR NAME...): DIR/NAME.png and DIR/NAME.svg exist, hold more
# than 1000 bytes, and the PNG is a PNG.
function(expect_pictures dir)
  foreach(name ${ARGN})
    foreach(ext png svg)
      set(f ${dir}/${name}.${ext})
      if(NOT EXISTS ${f})
        message(FATAL_ERROR "${f} was not written")
      endif()
      file(SIZE ${f} size)
      if(size LESS 1000)
        message(FATAL_ERROR "${f} holds only ${size} bytes")
      endif()
    endforeach()
    file(READ ${dir}/${name}.png magic LIMIT 4 HEX)
    if(NOT magic STREQUAL "89504e47")
      message(FATAL_ERROR "${name}.png is not a PNG (starts with ${magic})")
    endif()
  endforeach()
endfunction()

# expect_refused(FILE TEXT PATTERN): the script on FILE (holding TEXT) exits
# with status 2 and one line on standard error matching PATTERN.
function(expect_refused file text pattern)
  file(WRITE ${file} "${text}")
  execute_process(COMMAND ${PYTHON} ${SCRIPT} ${file} RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(STRIP "${err}" err)
  string(FIND "${err}" "\n" newline)
  if(NOT rc EQUAL 2 OR NOT newline EQUAL -1 OR NOT err MATCHES "${pattern}")
    message(FATAL_ERROR "${file} gave exit ${rc} and '${err}'")
  endif()
endfunction()

# run_or_fail(WHAT COMMAND...): runs the command; a failure stops the test.
function(run_or_fail what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}): ${err}")
  endif()
endfunction()
