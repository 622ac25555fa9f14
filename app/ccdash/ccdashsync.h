#pragma once
// Blocking helper for the headless CLI only: runs a local event loop until one asynchronous
// CcdashClient call answers. Never use it on the UI thread.
#include "app/ccdash/ccdashclient.h"

#include <QEventLoop>
#include <optional>

namespace workbench::ccdash {

// `start(context, callback)` must issue exactly one client call, e.g.
//   waitFor<QList<Project>>([&](QObject *ctx, auto cb) { client.fetchProjects(ctx, cb); });
template<typename T, typename StartFn>
Result<T> waitFor(StartFn start)
{
    QEventLoop loop;
    std::optional<Result<T>> answer;
    start(&loop, CcdashClient::Callback<T>([&answer, &loop](const Result<T> &result) {
        answer = result;
        loop.quit();
    }));
    if (!answer)
        loop.exec();
    return answer.value_or(Result<T>{});
}

} // namespace workbench::ccdash
