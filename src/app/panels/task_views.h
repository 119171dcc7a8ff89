// Task views that live in their own files (panel_task.cpp picks one per task).
#pragma once
#include "core/models/net.h"
#include "core/tasks/task_series.h"

namespace unroll::app {

// task=series: the series, the model's predictions and the errors.
void series_task_view(const ProbeSnapshot& p, const SeriesTask& task, Index b);

}  // namespace unroll::app
