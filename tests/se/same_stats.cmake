# Runs `pavp se --stats` twice -- with the arguments A, then with B (either
# may be empty) before the common ones -- and checks that the exit status, stdout and every
# statistic but the host's (cpu.host_*) are the same.
#   -DPAVP=path -DA=x|y -DB=x|y -DARGS=a|b|c ('|'-separated)
string(REPLACE "|" ";" args "${ARGS}")
foreach(run A B)
  string(REPLACE "|" ";" extra "${${run}}")
  execute_process(COMMAND ${PAVP} se --stats ${extra} ${args}
                  RESULT_VARIABLE rc_${run} OUTPUT_VARIABLE out_${run} ERROR_VARIABLE err_${run}
                  INPUT_FILE /dev/null TIMEOUT 120)
  string(REGEX REPLACE "cpu\\.host_[^\n]*\n" "" stats_${run} "${err_${run}}")
endforeach()
set(report "--- ${A}: exit ${rc_A}\n${out_A}${err_A}--- ${B}: exit ${rc_B}\n${out_B}${err_B}---")
if(NOT rc_A STREQUAL rc_B OR NOT out_A STREQUAL out_B OR NOT stats_A STREQUAL stats_B)
  message(FATAL_ERROR "the two runs differ\n${report}")
endif()
if(NOT stats_A MATCHES "cpu\\.instructions +[1-9]")
  message(FATAL_ERROR "no statistics\n${report}")
endif()
message(STATUS "${report}")
