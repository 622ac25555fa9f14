#include "app/runoutputfeed.h"

namespace workbench::app {

RunOutputFeed::RunOutputFeed(models::ExecutionRepository &repository, QObject *parent)
    : QObject(parent)
    , m_repository(repository)
    , m_model(new models::RunOutputModel(this))
{
    m_poll.setInterval(PollIntervalMs);
    connect(&m_poll, &QTimer::timeout, this, &RunOutputFeed::readNow);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &RunOutputFeed::readWhenModelHasRoom);
    connect(m_model, &models::RunOutputModel::flushed, this, &RunOutputFeed::readWhenModelHasRoom);
}

void RunOutputFeed::readWhenModelHasRoom()
{
    if (m_readDeferred && m_model->pendingCharacters() < MaxQueuedCharacters)
        readNow();
    else if (m_readDeferred && !m_retry.isActive())
        m_retry.start(50);
}

void RunOutputFeed::setRun(const QString &runId, bool mayStillChange)
{
    if (runId != m_runId) {
        m_runId = runId;
        m_model->clear();
        m_readDeferred = false;
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
    // Back-pressure from the model: while it still decodes a flood, reading more would only grow
    // its queue; the read happens when it has room (its flushed() signal, or the retry timer).
    if (m_model->pendingCharacters() >= MaxQueuedCharacters) {
        m_readDeferred = true;
        if (!m_retry.isActive())
            m_retry.start(50);
        return;
    }
    m_readDeferred = false;
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
        // Decoded by the model in time slices on its own timer, never all at once here.
        if (!chunks.isEmpty())
            m_model->append(chunks);
        morePages = result->items.size() >= PageSize;
        if (!morePages || characters >= MaxCharactersPerRead || m_model->pendingCharacters() >= MaxQueuedCharacters)
            break;
    }
    Q_EMIT caughtUp(m_runId, m_model->lastSequence());
    if (morePages) {
        // The rest on a later turn of the event loop (at once if the model has room, else when it has).
        m_readDeferred = true;
        m_retry.start(m_model->pendingCharacters() < MaxQueuedCharacters ? 0 : 50);
    }
}

} // namespace workbench::app
