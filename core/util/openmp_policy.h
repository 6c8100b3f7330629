#pragma once
// oneDNN (Debian's build) threads with GNU OpenMP, whose idle threads spin-wait. When the cores are shared (a
// GUI thread, another process), a spinning or descheduled worker can stall every parallel region: we measured
// 2-thread int8 ResNet-50 at 550 ms instead of 10 ms with one competing compile job. A passive wait policy
// avoids that. libgomp reads its environment when it is loaded, before main(), so the only way to set it from
// the program is to re-execute itself once with the variable set. Users who set OMP_WAIT_POLICY keep theirs.

namespace qs {

// Call first thing in main(). Returns normally when nothing needs to change (or re-execution failed).
void ensurePassiveOpenMpWait(char** argv);

} // namespace qs
