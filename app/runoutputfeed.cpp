#include "app/runoutputfeed.h"

namespace workbench::app {

RunOutputFeed::RunOutputFeed(models::ExecutionRepository &repository, QObject *parent)
    : QObject(parent)
    , m_repository(repository)
    , m_model(new models::RunOutputModel(this))
{
    m_poll.setInterval(PollIntervalMs);
    connect(&m_poll, &QTimer::timeout, this, &RunOutputFeed::readNow);
}

void RunOutputFeed::setRun(const QString &runId, bool mayStillChange)
{
    if (runId != m_runId) {
        m_runId = runId;
        m_model->clear();
    }
    setLive(mayStillChange);
    readNow();
}

void RunOutputFeed::setLive(bool mayStillChange)
{
    if (mayStillChange && !m_runId.isEmpty())
        m_poll.start();
    else
        m_poll.stop();
}

void RunOutputFeed::committed(const QString &runId, qint64 sequence)
{
    if (runId != m_runId)
        return;
    if (sequence <= m_model->lastSequence())
        return;
    readNow();
}

void RunOutputFeed::readNow()
{
    if (m_runId.isEmpty())
        return;
    // Several pages when the service says more is committed, but never more than a few per call:
    // a flood is read over the following ticks instead of freezing the window.
    bool morePages = false;
    qsizetype characters = 0;
    for (int page = 0; page < MaxPagesPerRead; ++page) {
        const qint64 after = m_model->lastSequence();
        const models::StoreResult<models::EventPage> result = m_repository.listEventsAfterSequence(m_runId, after, PageSize);
        if (!result) {
            if (m_lastError != result.errorMessage()) {
                m_lastError = result.errorMessage();
                Q_EMIT errorOccurred(m_lastError);
            }
            return;
        }
        m_lastError.clear();
        QList<models::OutputChunk> chunks;
        chunks.reserve(result->items.size());
        for (const models::RunEvent &event : result->items) {
            chunks << models::OutputChunk::fromRunEvent(event);
            characters += event.payloadText.size();
        }
        if (!chunks.isEmpty()) {
            m_model->append(chunks);
            m_model->flush();
        }
        morePages = result->items.size() >= PageSize;
        if (!morePages || characters >= MaxCharactersPerRead)
            break;
    }
    Q_EMIT caughtUp(m_runId, m_model->lastSequence());
    if (morePages)
        QTimer::singleShot(0, this, &RunOutputFeed::readNow);
}

} // namespace workbench::app
