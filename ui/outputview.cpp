#include "ui/outputview.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QLoggingCategory>
#include <QMenu>
#include <QPainter>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QSysInfo>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QToolTip>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>
#include <cmath>

Q_LOGGING_CATEGORY(lcOutputView, "ccdash.workbench.outputview", QtWarningMsg)

namespace workbench::ui {

using models::FileLink;
using models::OutputLine;
using models::OutputStream;
using models::RunOutputModel;
using models::StyledSpan;
using models::TextStyle;

namespace {

constexpr int MaxMatches = 100000;
constexpr int TimestampCharacters = 12; // "HH:mm:ss.zzz"
constexpr int LinkCacheLines = 2048;
// While output floods in, repaint at most this often (the model flushes more often than that).
constexpr int RepaintIntervalMs = 25;

// Characters every monospace font draws on the grid: drawn as runs. Anything else is drawn one
// grapheme at a time at its cell so fallback fonts cannot shift the rest of the line.
inline bool drawsOnGrid(char16_t c)
{
    return c >= 0x20 && c < 0x300;
}

// Cell (column) where each character starts; cells[size] is the line's width.
void computeCells(QStringView text, int *cells)
{
    int column = 0;
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        cells[i] = column;
        const char16_t c = text[i].unicode();
        if (c < 0x300 && c != u'\t') {
            ++column;
        } else if (c == u'\t') {
            column = (column / 8 + 1) * 8;
        } else if (QChar::isHighSurrogate(c) && i + 1 < size && QChar::isLowSurrogate(text[i + 1].unicode())) {
            cells[i + 1] = column;
            column += models::terminalCharWidth(QChar::surrogateToUcs4(c, text[i + 1].unicode()));
            ++i;
        } else {
            column += models::terminalCharWidth(c);
        }
    }
    cells[size] = column;
}

// First character index in [0, size] whose cell is >= cell.
qsizetype charAtCell(const int *cells, qsizetype size, int cell)
{
    return std::lower_bound(cells, cells + size, cell) - cells;
}

bool isWordCharacter(QChar ch)
{
    return ch.isLetterOrNumber() || ch == u'_' || ch.isMark();
}

} // namespace

// ---------------------------------------------------------------------------------------------
// OutputTextView

OutputTextView::OutputTextView(QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_linkCache(LinkCacheLines)
{
    setObjectName(QStringLiteral("outputTextView"));
    setAccessibleName(tr("Run output"));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    viewport()->setCursor(Qt::IBeamCursor);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);

    m_font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_font.setStyleHint(QFont::Monospace);
    m_font.setFixedPitch(true);
    m_font.setKerning(false);
    setFont(m_font);
    m_colors = OutputColors::fromPalette(palette());
    updateMetrics();

    m_repaintTimer = new QTimer(this);
    m_repaintTimer->setSingleShot(true);
    connect(m_repaintTimer, &QTimer::timeout, viewport(), qOverload<>(&QWidget::update));

    m_jumpButton = new QToolButton(this);
    m_jumpButton->setObjectName(QStringLiteral("outputJumpToLatest"));
    m_jumpButton->setText(tr("Jump to latest \u2193"));
    m_jumpButton->setToolTip(tr("Scroll to the newest output and keep following it (End)"));
    m_jumpButton->setAccessibleName(tr("Jump to latest output"));
    m_jumpButton->setAutoRaise(false);
    m_jumpButton->setCursor(Qt::ArrowCursor);
    m_jumpButton->hide();
    connect(m_jumpButton, &QToolButton::clicked, this, &OutputTextView::jumpToLatest);

    m_copyAction = new QAction(tr("&Copy"), this);
    m_copyAction->setObjectName(QStringLiteral("outputCopyAction"));
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetShortcut);
    m_copyAction->setEnabled(false);
    connect(m_copyAction, &QAction::triggered, this, &OutputTextView::copySelection);
    m_copyAllAction = new QAction(tr("Copy &All Output"), this);
    m_copyAllAction->setObjectName(QStringLiteral("outputCopyAllAction"));
    connect(m_copyAllAction, &QAction::triggered, this, &OutputTextView::copyAll);
    m_selectAllAction = new QAction(tr("Select A&ll"), this);
    m_selectAllAction->setObjectName(QStringLiteral("outputSelectAllAction"));
    m_selectAllAction->setShortcut(QKeySequence::SelectAll);
    m_selectAllAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_selectAllAction, &QAction::triggered, this, &OutputTextView::selectAll);
    addAction(m_copyAction);
    addAction(m_selectAllAction);
    connect(this, &OutputTextView::selectionChanged, this, [this] { m_copyAction->setEnabled(hasSelection()); });

    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (!m_adjustingScroll)
            setFollowTail(value >= verticalScrollBar()->maximum());
    });
}

OutputTextView::~OutputTextView() = default;

void OutputTextView::setModel(RunOutputModel *model)
{
    if (m_model == model)
        return;
    for (const auto &connection : std::as_const(m_modelConnections))
        disconnect(connection);
    m_modelConnections.clear();
    m_model = model;
    if (model) {
        m_modelConnections = {
            connect(model, &QAbstractItemModel::rowsInserted, this,
                    [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); }),
            connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                    [this](const QModelIndex &, int first, int last) { onRowsAboutToBeRemoved(first, last); }),
            connect(model, &QAbstractItemModel::rowsRemoved, this,
                    [this](const QModelIndex &, int first, int last) { onRowsRemoved(first, last); }),
            connect(model, &QAbstractItemModel::dataChanged, this, &OutputTextView::onDataChanged),
            connect(model, &QAbstractItemModel::modelReset, this, &OutputTextView::onModelReset),
            connect(model, &QObject::destroyed, this, &OutputTextView::onModelReset),
        };
    }
    onModelReset();
}

// --- layout ----------------------------------------------------------------------------------

void OutputTextView::updateMetrics()
{
    const QFontMetricsF metrics(m_font);
    m_charWidth = metrics.horizontalAdvance(QLatin1Char('M'));
    if (m_charWidth <= 0)
        m_charWidth = 8;
    m_lineHeight = qMax(1, int(std::ceil(metrics.height())) + 1);
    m_ascent = int(std::ceil(metrics.ascent()));
    m_fontVariantReady.fill(false);
    verticalScrollBar()->setSingleStep(1);
    rebuildRowLayout();
}

const QFont &OutputTextView::fontFor(const TextStyle &style, bool link) const
{
    const int key = (style.has(TextStyle::Bold) ? 1 : 0) | (style.has(TextStyle::Italic) ? 2 : 0)
                    | ((style.has(TextStyle::Underline) || link) ? 4 : 0) | (style.has(TextStyle::Strikeout) ? 8 : 0);
    if (!m_fontVariantReady[std::size_t(key)]) {
        QFont font = m_font;
        font.setBold(key & 1);
        font.setItalic(key & 2);
        font.setUnderline(key & 4);
        font.setStrikeOut(key & 8);
        m_fontVariants[std::size_t(key)] = font;
        m_fontVariantReady[std::size_t(key)] = true;
    }
    return m_fontVariants[std::size_t(key)];
}

int OutputTextView::textLeft() const
{
    // [timestamp gutter][marker column: stderr bar or system arrow][text]
    int left = int(m_charWidth * 2.5);
    if (m_timestampsVisible)
        left += int(m_charWidth * (TimestampCharacters + 1));
    return left;
}

int OutputTextView::wrapColumns() const
{
    const int available = viewport()->width() - textLeft() - int(m_charWidth);
    return qMax(20, int(available / m_charWidth));
}

int OutputTextView::rowsForColumns(int columns) const
{
    if (!m_wordWrap)
        return 1;
    const int wrap = m_layoutColumns > 0 ? m_layoutColumns : wrapColumns();
    return qMax(1, (columns + wrap - 1) / wrap);
}

int OutputTextView::bannerRows() const
{
    return m_model && m_model->droppedLineCount() > 0 ? 1 : 0;
}

void OutputTextView::rebuildRowLayout()
{
    m_rowEnds.clear();
    m_rowBase = 0;
    m_maxColumns = 0;
    m_layoutColumns = m_wordWrap ? wrapColumns() : 0;
    if (m_model) {
        const int rows = m_model->rowCount();
        qint64 total = 0;
        for (int row = 0; row < rows; ++row) {
            const int columns = m_model->line(row).columns;
            m_maxColumns = qMax(m_maxColumns, columns);
            if (m_wordWrap) {
                total += rowsForColumns(columns);
                m_rowEnds.push_back(total);
            }
        }
    }
    updateScrollBars();
    viewport()->update();
}

qint64 OutputTextView::totalVisualRows() const
{
    if (!m_model)
        return 0;
    const qint64 lines = m_wordWrap ? (m_rowEnds.empty() ? 0 : m_rowEnds.back() - m_rowBase) : m_model->rowCount();
    return bannerRows() + lines;
}

qint64 OutputTextView::firstVisualRowOfLine(int row) const
{
    if (!m_wordWrap)
        return bannerRows() + row;
    return bannerRows() + (row == 0 ? 0 : m_rowEnds[std::size_t(row - 1)] - m_rowBase);
}

std::pair<int, int> OutputTextView::lineAtVisualRow(qint64 visualRow) const
{
    const qint64 row = visualRow - bannerRows();
    if (row < 0)
        return {-1, 0};
    if (!m_wordWrap)
        return {int(row), 0};
    const auto it = std::upper_bound(m_rowEnds.begin(), m_rowEnds.end(), row + m_rowBase);
    const int line = int(it - m_rowEnds.begin());
    if (line >= int(m_rowEnds.size()))
        return {int(m_rowEnds.size()) - 1, 0};
    return {line, int(row - firstVisualRowOfLine(line) + bannerRows())};
}

int OutputTextView::visibleRowCount() const
{
    return qMax(1, viewport()->height() / m_lineHeight);
}

int OutputTextView::firstVisibleVisualRow() const
{
    return verticalScrollBar()->value();
}

void OutputTextView::updateScrollBars()
{
    const QScopedValueRollback guard(m_adjustingScroll, true);
    const qint64 total = totalVisualRows();
    const int visible = visibleRowCount();
    QScrollBar *vertical = verticalScrollBar();
    vertical->setPageStep(visible);
    vertical->setRange(0, int(qMin<qint64>(INT_MAX, qMax<qint64>(0, total - visible))));
    if (m_followTail)
        vertical->setValue(vertical->maximum());

    QScrollBar *horizontal = horizontalScrollBar();
    if (m_wordWrap) {
        horizontal->setRange(0, 0);
    } else {
        const int visibleColumns = qMax(1, int((viewport()->width() - textLeft()) / m_charWidth) - 1);
        horizontal->setPageStep(visibleColumns);
        horizontal->setSingleStep(4);
        horizontal->setRange(0, qMax(0, m_maxColumns - visibleColumns));
    }
}

void OutputTextView::setFollowTail(bool follow)
{
    if (m_followTail == follow)
        return;
    m_followTail = follow;
    m_jumpButton->setVisible(!follow);
    if (!follow) {
        m_jumpButton->adjustSize();
        const QRect area = viewport()->geometry();
        m_jumpButton->move(area.right() - m_jumpButton->width() - 12, area.bottom() - m_jumpButton->height() - 10);
        m_jumpButton->raise();
    }
    Q_EMIT followTailChanged(follow);
}

void OutputTextView::scrollToBottom()
{
    const QScopedValueRollback guard(m_adjustingScroll, true);
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

void OutputTextView::jumpToLatest()
{
    setFollowTail(true);
    scrollToBottom();
    viewport()->update();
}

void OutputTextView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    if (m_wordWrap && wrapColumns() != m_layoutColumns)
        rebuildRowLayout();
    else
        updateScrollBars();
    if (m_jumpButton->isVisible()) {
        const QRect area = viewport()->geometry();
        m_jumpButton->move(area.right() - m_jumpButton->width() - 12, area.bottom() - m_jumpButton->height() - 10);
    }
}

void OutputTextView::scrollContentsBy(int, int)
{
    // Following the tail is driven by output: throttled. The user scrolling is not.
    if (m_adjustingScroll)
        requestRepaint();
    else
        viewport()->update();
}

void OutputTextView::requestRepaint()
{
    if (!m_sinceLastPaint.isValid() || m_sinceLastPaint.elapsed() >= RepaintIntervalMs) {
        viewport()->update();
    } else if (!m_repaintTimer->isActive()) {
        m_repaintTimer->start(int(RepaintIntervalMs - m_sinceLastPaint.elapsed()));
    }
}

void OutputTextView::setWordWrap(bool wrap)
{
    if (m_wordWrap == wrap)
        return;
    // Keep the top line in place across the change.
    const auto [topRow, topSubRow] = lineAtVisualRow(firstVisibleVisualRow());
    Q_UNUSED(topSubRow)
    m_wordWrap = wrap;
    rebuildRowLayout();
    if (!m_followTail && topRow >= 0) {
        const QScopedValueRollback guard(m_adjustingScroll, true);
        verticalScrollBar()->setValue(int(firstVisualRowOfLine(topRow)));
    }
}

void OutputTextView::setTimestampsVisible(bool visible)
{
    if (m_timestampsVisible == visible)
        return;
    m_timestampsVisible = visible;
    if (m_wordWrap)
        rebuildRowLayout();
    else
        updateScrollBars();
    viewport()->update();
}

void OutputTextView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        m_colors = OutputColors::fromPalette(palette());
        m_readableCache.clear();
        viewport()->update();
    } else if (event->type() == QEvent::FontChange) {
        m_font = font();
        m_font.setKerning(false);
        updateMetrics();
    }
}

// --- model notifications ---------------------------------------------------------------------

void OutputTextView::onModelReset()
{
    m_matches.clear();
    m_matchesCapped = false;
    m_currentMatch = -1;
    m_linkCache.clear();
    m_selectionAnchor = m_selectionCursor = {};
    if (m_model && !m_searchText.isEmpty())
        searchRows(0, m_model->rowCount() - 1, m_matches);
    rebuildRowLayout();
    if (!m_searchText.isEmpty())
        emitSearchResults();
    Q_EMIT selectionChanged();
}

void OutputTextView::onRowsInserted(int first, int last)
{
    // The model only appends.
    for (int row = first; row <= last; ++row) {
        const int columns = m_model->line(row).columns;
        m_maxColumns = qMax(m_maxColumns, columns);
        if (m_wordWrap) {
            const qint64 previous = m_rowEnds.empty() ? m_rowBase : m_rowEnds.back();
            m_rowEnds.push_back(previous + rowsForColumns(columns));
        }
    }
    if (!m_searchText.isEmpty() && !m_matchesCapped) {
        const int before = matchCount();
        searchRows(first, last, m_matches);
        if (matchCount() != before) {
            if (m_currentMatch < 0)
                m_currentMatch = 0;
            emitSearchResults();
        }
    }
    updateScrollBars();
    requestRepaint();
}

void OutputTextView::onRowsAboutToBeRemoved(int first, int last)
{
    if (first != 0) {
        m_pendingRemovedVisualRows = -1; // not a trim at the front: relayout afterwards
        return;
    }
    m_pendingRemovedVisualRows = m_wordWrap ? m_rowEnds[std::size_t(last)] - m_rowBase : qint64(last - first + 1);
    m_pendingRemovedVisualRows += bannerRows(); // the banner may appear with this removal
}

void OutputTextView::onRowsRemoved(int first, int last)
{
    const int removed = last - first + 1;
    const int previousValue = verticalScrollBar()->value();
    if (m_pendingRemovedVisualRows < 0) {
        rebuildRowLayout();
    } else {
        if (m_wordWrap) {
            m_rowBase = m_rowEnds[std::size_t(last)];
            m_rowEnds.erase(m_rowEnds.begin(), m_rowEnds.begin() + removed);
        }
        const qint64 shift = m_pendingRemovedVisualRows - bannerRows();
        updateScrollBars();
        if (!m_followTail) {
            // Keep what the user is reading in place while old lines leave at the top.
            const QScopedValueRollback guard(m_adjustingScroll, true);
            verticalScrollBar()->setValue(int(qMax<qint64>(0, previousValue - shift)));
        }
    }
    m_pendingRemovedVisualRows = 0;

    if (!m_matches.empty()) {
        const qint64 firstLine = m_model->droppedLineCount();
        const auto keep = std::lower_bound(m_matches.begin(), m_matches.end(), firstLine,
                                           [](const Match &match, qint64 line) { return match.line < line; });
        const int erased = int(keep - m_matches.begin());
        if (erased > 0) {
            m_matches.erase(m_matches.begin(), keep);
            m_currentMatch = m_matches.empty() ? -1 : qMax(0, m_currentMatch - erased);
            emitSearchResults();
        }
    }
    requestRepaint();
}

void OutputTextView::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    const int first = topLeft.row(), last = bottomRight.row();
    const qint64 dropped = m_model->droppedLineCount();
    for (int row = first; row <= last; ++row)
        m_linkCache.remove(dropped + row);
    if (m_wordWrap) {
        // Open lines are near the end, so re-accumulating from `first` is cheap.
        qint64 total = first == 0 ? m_rowBase : m_rowEnds[std::size_t(first - 1)];
        for (std::size_t row = std::size_t(first); row < m_rowEnds.size(); ++row) {
            total += rowsForColumns(m_model->line(int(row)).columns);
            m_rowEnds[row] = total;
        }
    }
    for (int row = first; row <= last; ++row)
        m_maxColumns = qMax(m_maxColumns, m_model->line(row).columns);
    if (!m_searchText.isEmpty())
        rematchRows(first, last);
    updateScrollBars();
    requestRepaint();
}

// --- search ----------------------------------------------------------------------------------

void OutputTextView::searchRows(int first, int last, std::vector<Match> &out) const
{
    if (!m_model || m_searchText.isEmpty())
        return;
    const qint64 dropped = m_model->droppedLineCount();
    const qsizetype length = m_searchText.size();
    for (int row = first; row <= last; ++row) {
        const QString &text = m_model->line(row).content.text;
        for (qsizetype at = text.indexOf(m_searchText, 0, m_searchCase); at >= 0;
             at = text.indexOf(m_searchText, at + length, m_searchCase)) {
            if (out.size() >= std::size_t(MaxMatches)) {
                const_cast<OutputTextView *>(this)->m_matchesCapped = true;
                return;
            }
            out.push_back(Match{dropped + row, at, length});
        }
    }
}

void OutputTextView::rematchRows(int first, int last)
{
    const qint64 dropped = m_model->droppedLineCount();
    const qint64 firstLine = dropped + first, lastLine = dropped + last;
    auto lineLess = [](const Match &match, qint64 line) { return match.line < line; };
    const auto begin = std::lower_bound(m_matches.begin(), m_matches.end(), firstLine, lineLess);
    const auto end = std::lower_bound(begin, m_matches.end(), lastLine + 1, lineLess);
    const int at = int(begin - m_matches.begin());
    const int removed = int(end - begin);
    std::vector<Match> fresh;
    searchRows(first, last, fresh);
    m_matches.erase(begin, end);
    m_matches.insert(m_matches.begin() + at, fresh.begin(), fresh.end());
    if (removed == 0 && fresh.empty())
        return;
    if (m_currentMatch >= at + removed)
        m_currentMatch += int(fresh.size()) - removed;
    else if (m_currentMatch >= at)
        m_currentMatch = qMin(m_currentMatch, int(m_matches.size()) - 1);
    if (m_currentMatch < 0 && !m_matches.empty())
        m_currentMatch = 0;
    emitSearchResults();
}

void OutputTextView::setSearch(const QString &text, Qt::CaseSensitivity sensitivity)
{
    if (text == m_searchText && sensitivity == m_searchCase)
        return;
    m_searchText = text;
    m_searchCase = sensitivity;
    m_matches.clear();
    m_matchesCapped = false;
    m_currentMatch = -1;
    if (m_model && !text.isEmpty())
        searchRows(0, m_model->rowCount() - 1, m_matches);
    if (!m_matches.empty()) {
        // Start at the first match from the top of the view, as a reader expects.
        const auto [topRow, topSubRow] = lineAtVisualRow(firstVisibleVisualRow());
        Q_UNUSED(topSubRow)
        const qint64 topLine = m_model->droppedLineCount() + qMax(0, topRow);
        const auto it = std::lower_bound(m_matches.begin(), m_matches.end(), topLine,
                                         [](const Match &match, qint64 line) { return match.line < line; });
        m_currentMatch = it == m_matches.end() ? 0 : int(it - m_matches.begin());
        const Match &match = m_matches[std::size_t(m_currentMatch)];
        ensureVisible({match.line, match.start});
    }
    emitSearchResults();
    viewport()->update();
}

void OutputTextView::emitSearchResults()
{
    Q_EMIT searchResultsChanged(m_currentMatch, matchCount());
}

void OutputTextView::findNext()
{
    if (m_matches.empty())
        return;
    m_currentMatch = (m_currentMatch + 1) % matchCount();
    const Match &match = m_matches[std::size_t(m_currentMatch)];
    ensureVisible({match.line, match.start});
    emitSearchResults();
    viewport()->update();
}

void OutputTextView::findPrevious()
{
    if (m_matches.empty())
        return;
    m_currentMatch = m_currentMatch <= 0 ? matchCount() - 1 : m_currentMatch - 1;
    const Match &match = m_matches[std::size_t(m_currentMatch)];
    ensureVisible({match.line, match.start});
    emitSearchResults();
    viewport()->update();
}

void OutputTextView::ensureVisible(const OutputPosition &position)
{
    if (!m_model)
        return;
    const int row = int(position.line - m_model->droppedLineCount());
    if (row < 0 || row >= m_model->rowCount())
        return;
    const QString &text = m_model->line(row).content.text;
    QVarLengthArray<int, 256> cells(text.size() + 1);
    computeCells(text, cells.data());
    const int cell = cells[qBound<qsizetype>(0, position.column, text.size())];
    const int subRow = m_wordWrap ? cell / qMax(1, m_layoutColumns) : 0;
    const qint64 visualRow = firstVisualRowOfLine(row) + subRow;
    const int first = firstVisibleVisualRow();
    const int visible = visibleRowCount();
    if (visualRow < first || visualRow >= first + visible) {
        const int target = int(qMax<qint64>(0, visualRow - visible / 2));
        verticalScrollBar()->setValue(target); // user-driven: updates follow-tail
    }
    if (!m_wordWrap) {
        QScrollBar *horizontal = horizontalScrollBar();
        const int visibleColumns = qMax(1, int((viewport()->width() - textLeft()) / m_charWidth) - 1);
        if (cell < horizontal->value() || cell >= horizontal->value() + visibleColumns)
            horizontal->setValue(qMax(0, cell - visibleColumns / 3));
    }
}

// --- painting --------------------------------------------------------------------------------

QColor OutputTextView::defaultForeground(const OutputLine &line) const
{
    switch (line.stream) {
    case OutputStream::Stderr:
        return m_colors.stderrText;
    case OutputStream::System:
        return (line.flags & OutputLine::SystemError) ? m_colors.systemErrorText : m_colors.systemText;
    case OutputStream::Stdout:
        break;
    }
    return m_colors.text;
}

QColor OutputTextView::readable(const QColor &foreground, const QColor &background) const
{
    const quint64 key = (quint64(foreground.rgb()) << 32) | background.rgb();
    const auto it = m_readableCache.constFind(key);
    if (it != m_readableCache.constEnd())
        return QColor::fromRgb(*it);
    const QColor adjusted = OutputColors::readableOn(foreground, background);
    if (m_readableCache.size() > 4096)
        m_readableCache.clear();
    m_readableCache.insert(key, adjusted.rgb());
    return adjusted;
}

void OutputTextView::paintEvent(QPaintEvent *event)
{
    m_sinceLastPaint.start();
    m_repaintTimer->stop();
    QPainter painter(viewport());
    const QRect clip = event->rect();
    painter.fillRect(clip, m_colors.background);
    if (!m_model)
        return;

    const int gutterRight = textLeft() - int(m_charWidth * 0.5);
    if (m_timestampsVisible)
        painter.fillRect(QRect(0, clip.top(), int(m_charWidth * (TimestampCharacters + 1)), clip.height()),
                         m_colors.gutterBackground);
    Q_UNUSED(gutterRight)

    const qint64 total = totalVisualRows();
    qint64 visualRow = firstVisibleVisualRow() + clip.top() / m_lineHeight;
    int y = int(visualRow - firstVisibleVisualRow()) * m_lineHeight;
    while (y < clip.bottom() + 1 && visualRow < total) {
        const auto [row, subRow] = lineAtVisualRow(visualRow);
        if (row < 0) {
            QFont bannerFont = m_font;
            bannerFont.setItalic(true);
            painter.setFont(bannerFont);
            painter.setPen(m_colors.bannerText);
            const QString banner = tr("\u22ef %1 earlier lines not shown (the view keeps the latest %2)")
                                       .arg(QLocale().toString(m_model->droppedLineCount()),
                                            QLocale().toString(m_model->maxLines()));
            painter.drawText(QPointF(textLeft(), y + m_ascent), banner);
            y += m_lineHeight;
            ++visualRow;
            continue;
        }
        const int rows = rowsForColumns(m_model->line(row).columns);
        paintLine(painter, row, subRow, y, clip);
        y += (rows - subRow) * m_lineHeight;
        visualRow += rows - subRow;
    }
}

void OutputTextView::paintLine(QPainter &painter, int row, int firstSubRow, int y, const QRect &clip) const
{
    const OutputLine &line = m_model->line(row);
    const qint64 absoluteLine = m_model->droppedLineCount() + row;
    const QString &text = line.content.text;
    const qsizetype size = text.size();
    QVarLengthArray<int, 256> cellStorage(size + 1);
    int *cells = cellStorage.data();
    computeCells(text, cells);

    const int columns = m_wordWrap ? qMax(1, m_layoutColumns) : INT_MAX;
    const int rows = rowsForColumns(line.columns);
    const int left = textLeft();
    const qreal xScroll = m_wordWrap ? 0 : horizontalScrollBar()->value() * m_charWidth;
    const QColor lineForeground = defaultForeground(line);
    const bool systemLine = line.stream == OutputStream::System;
    const QList<FileLink> links = fileLinks(row);

    // Selection on this line, as a character range.
    qsizetype selectionStart = -1, selectionEnd = -1;
    if (hasSelection()) {
        const OutputPosition from = qMin(m_selectionAnchor, m_selectionCursor);
        const OutputPosition to = qMax(m_selectionAnchor, m_selectionCursor);
        if (absoluteLine >= from.line && absoluteLine <= to.line) {
            selectionStart = absoluteLine == from.line ? qMin(from.column, size) : 0;
            selectionEnd = absoluteLine == to.line ? qMin(to.column, size) : size;
            if (absoluteLine != to.line)
                selectionEnd = size + 1; // the line break is selected too
        }
    }
    auto lineLess = [](const Match &match, qint64 value) { return match.line < value; };
    const auto matchesBegin = std::lower_bound(m_matches.begin(), m_matches.end(), absoluteLine, lineLess);
    const auto matchesEnd = std::lower_bound(matchesBegin, m_matches.end(), absoluteLine + 1, lineLess);

    const QList<StyledSpan> &spans = line.content.spans;
    auto spanAt = [&spans](qsizetype index, qsizetype *spanEnd, qsizetype nextFrom) -> const StyledSpan * {
        // Spans are sorted and disjoint.
        const auto it = std::upper_bound(spans.begin(), spans.end(), index,
                                         [](qsizetype value, const StyledSpan &span) { return value < span.start; });
        if (it != spans.begin()) {
            const StyledSpan &candidate = *(it - 1);
            if (index < candidate.start + candidate.length) {
                *spanEnd = candidate.start + candidate.length;
                return &candidate;
            }
        }
        *spanEnd = it == spans.end() ? nextFrom : qMin<qsizetype>(nextFrom, it->start);
        return nullptr;
    };

    for (int subRow = firstSubRow; subRow < rows && y < clip.bottom() + 1; ++subRow, y += m_lineHeight) {
        const int rowCellStart = m_wordWrap ? subRow * columns : 0;
        qsizetype begin = subRow == 0 ? 0 : charAtCell(cells, size, rowCellStart);
        qsizetype end = m_wordWrap ? charAtCell(cells, size, rowCellStart + columns) : size;
        if (!m_wordWrap) {
            // Only the characters in the horizontally visible cells: a 10,000-character line costs
            // no more to paint than a short one.
            const int firstCell = int((xScroll + clip.left() - left) / m_charWidth) - 1;
            const int lastCell = int((xScroll + clip.right() - left) / m_charWidth) + 2;
            if (firstCell > 0)
                begin = qMax<qsizetype>(begin, qMax<qsizetype>(0, charAtCell(cells, size, firstCell) - 1));
            end = qMin(end, charAtCell(cells, size, lastCell));
            // Keep surrogate pairs whole.
            if (begin > 0 && begin < size && text[begin].isLowSurrogate())
                --begin;
            if (end > 0 && end < size && text[end].isLowSurrogate())
                ++end;
        }
        auto xOf = [&](qsizetype index) {
            return left + (cells[index] - rowCellStart) * m_charWidth - xScroll;
        };

        // Gutter: timestamp, stderr bar, system marker.
        if (subRow == 0 && m_timestampsVisible && line.timestamp.isValid()) {
            painter.setFont(m_font);
            painter.setPen(m_colors.gutterText);
            painter.drawText(QPointF(m_charWidth * 0.5, y + m_ascent),
                             line.timestamp.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")));
        }
        const qreal markerX = m_timestampsVisible ? m_charWidth * (TimestampCharacters + 1) : 0;
        if (line.stream == OutputStream::Stderr) {
            painter.fillRect(QRectF(markerX + m_charWidth * 0.6, y, qMax<qreal>(3, m_charWidth * 0.35), m_lineHeight),
                             m_colors.stderrMarker);
        } else if (systemLine && subRow == 0) {
            painter.setFont(m_font);
            painter.setPen(lineForeground);
            painter.drawText(QPointF(markerX + m_charWidth * 0.6, y + m_ascent), QStringLiteral("\u25b8"));
        }

        painter.save();
        painter.setClipRect(QRectF(left, y, viewport()->width() - left, m_lineHeight));

        // Backgrounds: explicit/inverse colours, matches, selection.
        for (const StyledSpan &span : spans) {
            const qsizetype from = qMax<qsizetype>(span.start, begin);
            const qsizetype to = qMin<qsizetype>(span.start + span.length, end);
            if (from >= to)
                continue;
            QColor background;
            if (span.style.has(TextStyle::Inverse))
                background = m_colors.resolve(span.style.foreground, lineForeground);
            else if (!span.style.background.isDefault())
                background = m_colors.resolve(span.style.background, m_colors.background);
            if (background.isValid())
                painter.fillRect(QRectF(xOf(from), y, (cells[to] - cells[from]) * m_charWidth, m_lineHeight), background);
        }
        for (auto it = matchesBegin; it != matchesEnd; ++it) {
            const qsizetype from = qMax<qsizetype>(it->start, begin);
            const qsizetype to = qMin<qsizetype>(it->start + it->length, end);
            if (from >= to)
                continue;
            const bool current = m_currentMatch >= 0 && it - m_matches.begin() == m_currentMatch;
            painter.fillRect(QRectF(xOf(from), y, (cells[to] - cells[from]) * m_charWidth, m_lineHeight),
                             current ? m_colors.currentMatchBackground : m_colors.matchBackground);
        }
        if (selectionStart >= 0) {
            const qsizetype from = qMax(selectionStart, begin);
            const qsizetype to = qMin(selectionEnd, end);
            qreal width = (cells[qMin(to, size)] - cells[qMin(from, size)]) * m_charWidth;
            if (selectionEnd > size && (end == size))
                width += m_charWidth * 0.5; // show that the line break is part of the selection
            if (from < to || (selectionEnd > size && end == size && from <= size))
                painter.fillRect(QRectF(xOf(qMin(from, size)), y, width, m_lineHeight), m_colors.selectionBackground);
        }

        // Text, in runs of one style.
        qsizetype index = begin;
        qsizetype linkIndex = 0;
        while (index < end) {
            qsizetype runEnd = end;
            qsizetype spanEnd = end;
            const StyledSpan *span = spanAt(index, &spanEnd, end);
            runEnd = qMin(runEnd, spanEnd);
            while (linkIndex < links.size() && links[linkIndex].start + links[linkIndex].length <= index)
                ++linkIndex;
            bool inLink = false;
            if (linkIndex < links.size()) {
                const FileLink &link = links[linkIndex];
                if (index >= link.start) {
                    inLink = true;
                    runEnd = qMin<qsizetype>(runEnd, link.start + link.length);
                } else {
                    runEnd = qMin<qsizetype>(runEnd, link.start);
                }
            }
            bool selected = false;
            if (selectionStart >= 0) {
                if (index >= selectionStart && index < selectionEnd) {
                    selected = true;
                    runEnd = qMin(runEnd, selectionEnd);
                } else if (index < selectionStart) {
                    runEnd = qMin(runEnd, selectionStart);
                }
            }

            const CharacterFormat format = formatFor(line, span, inLink);
            QColor foreground = selected ? m_colors.selectionText : format.foreground;
            painter.setFont(format.font);
            painter.setPen(foreground);
            const qreal baseline = y + m_ascent;
            qsizetype k = index;
            while (k < runEnd) {
                if (drawsOnGrid(text[k].unicode())) {
                    qsizetype j = k + 1;
                    while (j < runEnd && drawsOnGrid(text[j].unicode()))
                        ++j;
                    const qreal x = xOf(k);
                    if (x < clip.right() + 1 && x + (cells[j] - cells[k]) * m_charWidth > clip.left())
                        painter.drawText(QPointF(x, baseline), text.mid(k, j - k));
                    k = j;
                } else {
                    // One grapheme (with its surrogate half and combining marks) at its own cell.
                    qsizetype j = k + 1;
                    if (text[k].isHighSurrogate() && j < runEnd && text[j].isLowSurrogate())
                        ++j;
                    while (j < runEnd && cells[j] == cells[k] && !drawsOnGrid(text[j].unicode()))
                        ++j;
                    if (text[k] != u'\t')
                        painter.drawText(QPointF(xOf(k), baseline), text.mid(k, j - k));
                    k = j;
                }
            }
            index = runEnd;
        }
        painter.restore();
    }
}

CharacterFormat OutputTextView::formatFor(const OutputLine &line, const StyledSpan *span, bool inFileLink) const
{
    TextStyle style = span ? span->style : TextStyle{};
    const bool hyperlink = span && span->hyperlink >= 0;
    const bool systemLine = line.stream == OutputStream::System;
    if (systemLine)
        style.set(TextStyle::Italic, true);
    if (systemLine && (line.flags & OutputLine::SystemError))
        style.set(TextStyle::Bold, true);
    const QColor lineForeground = defaultForeground(line);
    QColor foreground = inFileLink || (hyperlink && style.foreground.isDefault())
                            ? m_colors.link
                            : m_colors.resolve(style.foreground, lineForeground);
    QColor background = m_colors.resolve(style.background, m_colors.background);
    if (style.has(TextStyle::Inverse))
        std::swap(foreground, background);
    if (style.has(TextStyle::Dim))
        foreground = QColor((foreground.red() + background.red()) / 2, (foreground.green() + background.green()) / 2,
                            (foreground.blue() + background.blue()) / 2);
    else
        foreground = readable(foreground, background);
    return CharacterFormat{foreground, background, fontFor(style, inFileLink || hyperlink), inFileLink || hyperlink};
}

CharacterFormat OutputTextView::characterFormat(const OutputPosition &position) const
{
    if (!m_model)
        return {};
    const int row = int(position.line - m_model->droppedLineCount());
    if (row < 0 || row >= m_model->rowCount())
        return {};
    const OutputLine &line = m_model->line(row);
    const StyledSpan *span = nullptr;
    for (const StyledSpan &candidate : line.content.spans) {
        if (position.column >= candidate.start && position.column < candidate.start + candidate.length)
            span = &candidate;
    }
    bool inLink = false;
    for (const FileLink &link : fileLinks(row))
        inLink = inLink || (position.column >= link.start && position.column < link.start + link.length);
    return formatFor(line, span, inLink);
}

// --- links -----------------------------------------------------------------------------------

QList<FileLink> OutputTextView::fileLinks(int row) const
{
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return {};
    const qint64 key = m_model->droppedLineCount() + row;
    if (const QList<FileLink> *cached = m_linkCache.object(key))
        return *cached;
    const OutputLine &line = m_model->line(row);
    auto *links = new QList<FileLink>(line.stream == OutputStream::System ? QList<FileLink>{}
                                                                             : models::findFileLinks(line.content.text));
    const QList<FileLink> result = *links;
    m_linkCache.insert(key, links);
    return result;
}

std::optional<FileLink> OutputTextView::fileLinkAt(const QPoint &viewportPoint) const
{
    if (!m_model || viewportPoint.x() < textLeft())
        return std::nullopt;
    const OutputPosition position = positionAt(viewportPoint);
    // positionAt rounds to the nearest boundary; a link needs the character under the pointer.
    const QRect rect = characterRect(position);
    OutputPosition under = position;
    if (rect.isValid() && viewportPoint.x() < rect.left() && under.column > 0)
        --under.column;
    const int row = int(under.line - m_model->droppedLineCount());
    const QList<FileLink> links = fileLinks(row);
    for (const FileLink &link : links) {
        if (under.column >= link.start && under.column < link.start + link.length)
            return link;
    }
    return std::nullopt;
}

QString OutputTextView::hyperlinkAt(const QPoint &viewportPoint) const
{
    if (!m_model || viewportPoint.x() < textLeft())
        return {};
    const OutputPosition position = positionAt(viewportPoint);
    const QRect rect = characterRect(position);
    OutputPosition under = position;
    if (rect.isValid() && viewportPoint.x() < rect.left() && under.column > 0)
        --under.column;
    const int row = int(under.line - m_model->droppedLineCount());
    if (row < 0 || row >= m_model->rowCount())
        return {};
    const auto &content = m_model->line(row).content;
    for (const StyledSpan &span : content.spans) {
        if (span.hyperlink >= 0 && under.column >= span.start && under.column < span.start + span.length)
            return content.hyperlinks.value(span.hyperlink);
    }
    return {};
}

void OutputTextView::activateLinkAt(const QPoint &viewportPoint)
{
    if (const auto link = fileLinkAt(viewportPoint)) {
        const QString path = models::resolveLinkPath(link->path, m_workingDirectory);
        qCDebug(lcOutputView) << "file link" << path << link->line << link->column;
        Q_EMIT fileLinkActivated(path, link->line, link->column);
        return;
    }
    const QString target = hyperlinkAt(viewportPoint);
    if (!target.isEmpty())
        Q_EMIT hyperlinkActivated(target);
}

bool OutputTextView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        if (const auto link = fileLinkAt(help->pos())) {
            const QString path = models::resolveLinkPath(link->path, m_workingDirectory);
            QToolTip::showText(help->globalPos(),
                               link->column > 0 ? tr("Open %1 at line %2, column %3").arg(path).arg(link->line).arg(link->column)
                                                : tr("Open %1 at line %2").arg(path).arg(link->line),
                               viewport());
            return true;
        }
        const QString target = hyperlinkAt(help->pos());
        if (!target.isEmpty()) {
            QToolTip::showText(help->globalPos(), tr("Open %1").arg(target), viewport());
            return true;
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

// --- positions and selection -----------------------------------------------------------------

OutputPosition OutputTextView::positionAt(const QPoint &point) const
{
    if (!m_model || m_model->rowCount() == 0)
        return {};
    const qint64 dropped = m_model->droppedLineCount();
    const qint64 total = totalVisualRows();
    const qint64 visualRow = firstVisibleVisualRow() + (point.y() < 0 ? -1 : point.y() / m_lineHeight);
    if (visualRow < bannerRows())
        return {dropped, 0};
    if (visualRow >= total) {
        const int last = m_model->rowCount() - 1;
        return {dropped + last, m_model->line(last).content.text.size()};
    }
    const auto [row, subRow] = lineAtVisualRow(visualRow);
    const QString &text = m_model->line(row).content.text;
    QVarLengthArray<int, 256> cells(text.size() + 1);
    computeCells(text, cells.data());
    const int columns = m_wordWrap ? qMax(1, m_layoutColumns) : INT_MAX;
    const int rowCellStart = m_wordWrap ? subRow * columns : 0;
    const qreal xScroll = m_wordWrap ? 0 : horizontalScrollBar()->value() * m_charWidth;
    const int cell = rowCellStart + qMax(0, int(std::lround((point.x() - textLeft() + xScroll) / m_charWidth)));
    qsizetype index = charAtCell(cells.data(), text.size(), cell);
    if (m_wordWrap) {
        const qsizetype rowEnd = charAtCell(cells.data(), text.size(), rowCellStart + columns);
        if (rowEnd < text.size())
            index = qMin(index, rowEnd);
    }
    return {dropped + row, index};
}

QRect OutputTextView::characterRect(const OutputPosition &position) const
{
    if (!m_model)
        return {};
    const int row = int(position.line - m_model->droppedLineCount());
    if (row < 0 || row >= m_model->rowCount())
        return {};
    const QString &text = m_model->line(row).content.text;
    QVarLengthArray<int, 256> cells(text.size() + 1);
    computeCells(text, cells.data());
    const qsizetype column = qBound<qsizetype>(0, position.column, text.size());
    const int cell = cells[column];
    const int columns = m_wordWrap ? qMax(1, m_layoutColumns) : INT_MAX;
    const int subRow = m_wordWrap ? cell / columns : 0;
    const qint64 visualRow = firstVisualRowOfLine(row) + subRow;
    const int y = int(visualRow - firstVisibleVisualRow()) * m_lineHeight;
    const qreal xScroll = m_wordWrap ? 0 : horizontalScrollBar()->value() * m_charWidth;
    const qreal x = textLeft() + (cell - subRow * (m_wordWrap ? columns : 0)) * m_charWidth - xScroll;
    const int width = column < text.size() ? qMax(1, cells[column + 1] - cell) : 1;
    const QRect rect(int(x), y, int(width * m_charWidth), m_lineHeight);
    return rect.intersects(viewport()->rect()) ? rect : QRect();
}

OutputPosition OutputTextView::clampPosition(const OutputPosition &position) const
{
    if (!m_model || m_model->rowCount() == 0)
        return {};
    const qint64 first = m_model->droppedLineCount();
    const qint64 last = first + m_model->rowCount() - 1;
    if (position.line < first)
        return {first, 0};
    if (position.line > last)
        return {last, m_model->line(int(last - first)).content.text.size()};
    return {position.line, qBound<qsizetype>(0, position.column, m_model->line(int(position.line - first)).content.text.size())};
}

QString OutputTextView::lineText(qint64 line) const
{
    const int row = int(line - m_model->droppedLineCount());
    return m_model->line(row).content.text;
}

void OutputTextView::setSelection(const OutputPosition &anchor, const OutputPosition &cursor)
{
    m_selectionAnchor = anchor;
    m_selectionCursor = cursor;
    viewport()->update();
    Q_EMIT selectionChanged();
}

void OutputTextView::clearSelection()
{
    setSelection({}, {});
}

void OutputTextView::selectAll()
{
    if (!m_model || m_model->rowCount() == 0)
        return;
    const int last = m_model->rowCount() - 1;
    setSelection({m_model->droppedLineCount(), 0},
                 {m_model->droppedLineCount() + last, m_model->line(last).content.text.size()});
}

QString OutputTextView::selectedText() const
{
    if (!hasSelection() || !m_model || m_model->rowCount() == 0)
        return {};
    const OutputPosition from = clampPosition(qMin(m_selectionAnchor, m_selectionCursor));
    const OutputPosition to = clampPosition(qMax(m_selectionAnchor, m_selectionCursor));
    QString result;
    for (qint64 line = from.line; line <= to.line; ++line) {
        const QString text = lineText(line);
        const qsizetype start = line == from.line ? from.column : 0;
        const qsizetype stop = line == to.line ? to.column : text.size();
        result += QStringView(text).sliced(start, qMax<qsizetype>(0, stop - start));
        if (line != to.line)
            result += u'\n';
    }
    return result;
}

QString OutputTextView::allText() const
{
    if (!m_model)
        return {};
    QString result;
    const int rows = m_model->rowCount();
    result.reserve(qsizetype(m_model->characterCount() + rows));
    for (int row = 0; row < rows; ++row) {
        result += m_model->line(row).content.text;
        result += u'\n';
    }
    return result;
}

void OutputTextView::copySelection() const
{
    if (hasSelection())
        QGuiApplication::clipboard()->setText(selectedText());
}

void OutputTextView::copyAll() const
{
    QGuiApplication::clipboard()->setText(allText());
}

// --- input -----------------------------------------------------------------------------------

void OutputTextView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const OutputPosition position = positionAt(event->position().toPoint());
    m_pressPoint = event->position().toPoint();
    m_pressMoved = false;
    m_selecting = true;
    if (event->modifiers() & Qt::ShiftModifier)
        setSelection(hasSelection() ? m_selectionAnchor : m_selectionCursor, position);
    else
        setSelection(position, position);
    m_selectionCursor = position;
}

void OutputTextView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint point = event->position().toPoint();
    if (m_selecting && (event->buttons() & Qt::LeftButton)) {
        if ((point - m_pressPoint).manhattanLength() >= QApplication::startDragDistance())
            m_pressMoved = true;
        // Dragging past the edges scrolls.
        if (point.y() < 0)
            verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepSub);
        else if (point.y() > viewport()->height())
            verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        setSelection(m_selectionAnchor, positionAt(point));
        return;
    }
    const bool overLink = fileLinkAt(point).has_value() || !hyperlinkAt(point).isEmpty();
    viewport()->setCursor(overLink ? Qt::PointingHandCursor : Qt::IBeamCursor);
}

void OutputTextView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_selecting) {
        m_selecting = false;
        if (!m_pressMoved && !(event->modifiers() & Qt::ShiftModifier)) {
            clearSelection();
            activateLinkAt(event->position().toPoint());
        }
        return;
    }
    QAbstractScrollArea::mouseReleaseEvent(event);
}

void OutputTextView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_model || m_model->rowCount() == 0)
        return;
    const OutputPosition position = clampPosition(positionAt(event->position().toPoint()));
    const QString text = lineText(position.line);
    qsizetype start = qMin(position.column, text.size());
    qsizetype end = start;
    if (start < text.size() && !isWordCharacter(text[start]) && start > 0)
        start = end = start - 1 + (isWordCharacter(text[start - 1]) ? 0 : 1);
    while (start > 0 && isWordCharacter(text[start - 1]))
        --start;
    while (end < text.size() && isWordCharacter(text[end]))
        ++end;
    setSelection({position.line, start}, {position.line, end});
    m_selecting = false;
}

void OutputTextView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        return;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        selectAll();
        return;
    }
    QScrollBar *vertical = verticalScrollBar();
    switch (event->key()) {
    case Qt::Key_End:
        jumpToLatest();
        return;
    case Qt::Key_Home:
        vertical->setValue(0);
        return;
    case Qt::Key_PageUp:
        vertical->triggerAction(QAbstractSlider::SliderPageStepSub);
        return;
    case Qt::Key_PageDown:
        vertical->triggerAction(QAbstractSlider::SliderPageStepAdd);
        return;
    case Qt::Key_Up:
        vertical->triggerAction(QAbstractSlider::SliderSingleStepSub);
        return;
    case Qt::Key_Down:
        vertical->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        return;
    case Qt::Key_Escape:
        if (hasSelection()) {
            clearSelection();
            return;
        }
        break;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void OutputTextView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("outputContextMenu"));
    const QPoint viewportPoint = viewport()->mapFrom(this, event->pos());
    if (const auto link = fileLinkAt(viewportPoint)) {
        const QString path = models::resolveLinkPath(link->path, m_workingDirectory);
        const int line = link->line, column = link->column;
        menu.addAction(tr("Open %1:%2").arg(QFileInfo(path).fileName()).arg(line), this,
                       [this, path, line, column] { Q_EMIT fileLinkActivated(path, line, column); });
        menu.addAction(tr("Copy Path"), this, [path] { QGuiApplication::clipboard()->setText(path); });
        menu.addSeparator();
    }
    menu.addAction(m_copyAction);
    menu.addAction(m_copyAllAction);
    menu.addAction(m_selectAllAction);
    if (!m_extraContextActions.isEmpty()) {
        menu.addSeparator();
        menu.addActions(m_extraContextActions);
    }
    menu.exec(event->globalPos());
}

// ---------------------------------------------------------------------------------------------
// OutputFindBar

OutputFindBar::OutputFindBar(OutputTextView *view, QWidget *parent)
    : QWidget(parent)
    , m_view(view)
{
    setObjectName(QStringLiteral("outputFindBar"));
    setAccessibleName(tr("Find in output"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(4);

    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("outputFindEdit"));
    m_edit->setPlaceholderText(tr("Find in output"));
    m_edit->setAccessibleName(tr("Search text"));
    m_edit->setClearButtonEnabled(true);
    m_edit->installEventFilter(this);

    m_resultLabel = new QLabel(this);
    m_resultLabel->setObjectName(QStringLiteral("outputFindResult"));
    m_resultLabel->setAccessibleName(tr("Search results"));
    m_resultLabel->setMinimumWidth(fontMetrics().horizontalAdvance(tr("100000+ of 100000+")) / 2);

    auto makeButton = [this](const QString &name, const QString &text, const QString &toolTip) {
        auto *button = new QToolButton(this);
        button->setObjectName(name);
        button->setText(text);
        button->setToolTip(toolTip);
        button->setAccessibleName(toolTip);
        button->setAutoRaise(true);
        return button;
    };
    m_previousButton = makeButton(QStringLiteral("outputFindPrevious"), QStringLiteral("\u2191"),
                                  tr("Previous match (Shift+F3)"));
    m_nextButton = makeButton(QStringLiteral("outputFindNext"), QStringLiteral("\u2193"), tr("Next match (F3)"));
    m_caseButton = makeButton(QStringLiteral("outputFindCase"), QStringLiteral("Aa"), tr("Match case"));
    m_caseButton->setCheckable(true);
    m_closeButton = makeButton(QStringLiteral("outputFindClose"), QStringLiteral("\u2715"), tr("Close find bar (Esc)"));

    layout->addWidget(m_edit, 1);
    layout->addWidget(m_resultLabel);
    layout->addWidget(m_previousButton);
    layout->addWidget(m_nextButton);
    layout->addWidget(m_caseButton);
    layout->addWidget(m_closeButton);

    // Searching all lines on each keystroke would lag on big outputs: wait for a pause.
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(120);
    connect(m_debounce, &QTimer::timeout, this, &OutputFindBar::applySearch);
    connect(m_edit, &QLineEdit::textChanged, this, [this] { m_debounce->start(); });
    connect(m_caseButton, &QToolButton::toggled, this, &OutputFindBar::applySearch);
    connect(m_nextButton, &QToolButton::clicked, m_view, &OutputTextView::findNext);
    connect(m_previousButton, &QToolButton::clicked, m_view, &OutputTextView::findPrevious);
    connect(m_closeButton, &QToolButton::clicked, this, &OutputFindBar::closeRequested);
    connect(m_view, &OutputTextView::searchResultsChanged, this, &OutputFindBar::updateResult);
    updateResult(-1, 0);
}

void OutputFindBar::activate()
{
    show();
    const QString selection = m_view->selectedText();
    if (!selection.isEmpty() && !selection.contains(u'\n'))
        m_edit->setText(selection);
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void OutputFindBar::applySearch()
{
    m_debounce->stop();
    m_view->setSearch(m_edit->text(), m_caseButton->isChecked() ? Qt::CaseSensitive : Qt::CaseInsensitive);
}

void OutputFindBar::updateResult(int current, int total)
{
    QString text;
    if (m_edit->text().isEmpty())
        text.clear();
    else if (total == 0)
        text = tr("No results");
    else
        text = tr("%1 of %2%3").arg(current + 1).arg(total).arg(m_view->matchCountCapped() ? QStringLiteral("+") : QString());
    m_resultLabel->setText(text);
    QPalette palette = m_edit->palette();
    if (!m_edit->text().isEmpty() && total == 0) {
        const OutputColors colors = OutputColors::fromPalette(this->palette());
        palette.setColor(QPalette::Base, colors.dark ? QColor(0x5a, 0x24, 0x24) : QColor(0xff, 0xe0, 0xe0));
    } else {
        palette.setColor(QPalette::Base, this->palette().color(QPalette::Base));
    }
    m_edit->setPalette(palette);
    m_previousButton->setEnabled(total > 0);
    m_nextButton->setEnabled(total > 0);
}

bool OutputFindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (m_debounce->isActive() || m_view->searchText() != m_edit->text())
                applySearch(); // the first Enter searches, later ones move on
            else if (key->modifiers() & Qt::ShiftModifier)
                m_view->findPrevious();
            else
                m_view->findNext();
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            Q_EMIT closeRequested();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

// ---------------------------------------------------------------------------------------------
// OutputView

OutputView::OutputView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("outputView"));
    setAccessibleName(tr("Live output"));

    m_toolBar = new QToolBar(this);
    m_toolBar->setObjectName(QStringLiteral("outputToolBar"));
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_textView = new OutputTextView(this);
    m_findBar = new OutputFindBar(m_textView, this);
    m_findBar->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_textView, 1);
    layout->addWidget(m_findBar);

    m_findAction = new QAction(tr("&Find\u2026"), this);
    m_findAction->setObjectName(QStringLiteral("outputFindAction"));
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_findAction, &QAction::triggered, m_findBar, &OutputFindBar::activate);

    m_findNextAction = new QAction(tr("Find &Next"), this);
    m_findNextAction->setObjectName(QStringLiteral("outputFindNextAction"));
    m_findNextAction->setShortcut(QKeySequence::FindNext);
    m_findNextAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_findNextAction, &QAction::triggered, m_textView, &OutputTextView::findNext);

    m_findPreviousAction = new QAction(tr("Find &Previous"), this);
    m_findPreviousAction->setObjectName(QStringLiteral("outputFindPreviousAction"));
    m_findPreviousAction->setShortcut(QKeySequence::FindPrevious);
    m_findPreviousAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_findPreviousAction, &QAction::triggered, m_textView, &OutputTextView::findPrevious);

    m_wrapAction = new QAction(tr("&Wrap Lines"), this);
    m_wrapAction->setObjectName(QStringLiteral("outputWrapAction"));
    m_wrapAction->setCheckable(true);
    m_wrapAction->setToolTip(tr("Wrap long lines to the width of the pane"));
    connect(m_wrapAction, &QAction::toggled, m_textView, &OutputTextView::setWordWrap);

    m_timestampsAction = new QAction(tr("&Timestamps"), this);
    m_timestampsAction->setObjectName(QStringLiteral("outputTimestampsAction"));
    m_timestampsAction->setCheckable(true);
    m_timestampsAction->setToolTip(tr("Show when each line was written"));
    connect(m_timestampsAction, &QAction::toggled, m_textView, &OutputTextView::setTimestampsVisible);

    addAction(m_findAction);
    addAction(m_findNextAction);
    addAction(m_findPreviousAction);

    m_toolBar->addAction(m_wrapAction);
    m_toolBar->addAction(m_timestampsAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_findAction);
    m_toolBar->addAction(m_textView->copyAllAction());
    m_textView->setExtraContextActions({m_findAction, m_wrapAction, m_timestampsAction});

    connect(m_findBar, &OutputFindBar::closeRequested, this, [this] {
        m_findBar->hide();
        m_textView->setSearch({}, Qt::CaseInsensitive);
        m_textView->setFocus(Qt::OtherFocusReason);
    });
    connect(m_textView, &OutputTextView::fileLinkActivated, this, &OutputView::openFileLink);
    connect(m_textView, &OutputTextView::hyperlinkActivated, this, &OutputView::openHyperlink);
}

void OutputView::openHyperlink(const QString &target)
{
    // The target comes from the command's output, which anyone could have written: only web pages go to
    // the desktop, a local file goes where file links go, and every other scheme (custom URL handlers,
    // ssh:, smb:, data:...) is refused rather than handed to whatever program claims it.
    const QUrl url(target, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (url.isValid() && (scheme == u"http" || scheme == u"https") && !url.host().isEmpty()) {
        QDesktopServices::openUrl(url);
        return;
    }
    if (url.isValid() && scheme == u"file" && !url.path().isEmpty()
        && (url.host().isEmpty() || url.host() == u"localhost" || url.host() == QSysInfo::machineHostName())) {
        openFileLink(url.path(), 1, 1);
        return;
    }
    qCWarning(lcOutputView).noquote() << "not opening a link with the scheme" << (scheme.isEmpty() ? QStringLiteral("(none)") : scheme)
                                      << "from the output";
}

void OutputView::openFileLink(const QString &absolutePath, int line, int column)
{
    if (m_fileOpener && m_fileOpener(absolutePath, line, column))
        return;
    if (!QFileInfo::exists(absolutePath)) {
        qCInfo(lcOutputView) << "not opening" << absolutePath << "- no such file";
        return;
    }
    QDesktopServices::openUrl(QUrl::fromLocalFile(absolutePath));
}

} // namespace workbench::ui
