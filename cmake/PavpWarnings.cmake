# pavp_set_warnings(TARGET): warnings on, and errors when PAVP_WERROR is set.
function(pavp_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow=local -Wnon-virtual-dtor)
  if(PAVP_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
