#pragma once
// quantscope-cli sub-commands. Each takes the arguments after its name and returns the exit code.

#include <string>
#include <vector>

namespace qs::cli {

int runInfo(std::vector<std::string> args);
int runEval(std::vector<std::string> args);
int runBench(std::vector<std::string> args);
int runCalibrate(std::vector<std::string> args);
int runRanges(std::vector<std::string> args);
int runAnalyze(std::vector<std::string> args);
int runSensitivity(std::vector<std::string> args);
int runAutoquant(std::vector<std::string> args);

} // namespace qs::cli
