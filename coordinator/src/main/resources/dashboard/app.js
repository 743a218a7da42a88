// Mixfarm dashboard: plain JavaScript, no build. Polls the coordinator's API every second.
// The API token (when the farm requires one) is asked for once, kept in sessionStorage and sent
// as an Authorization header; it never goes into a URL.
'use strict';

const POLL_MS = 1000;
const TOKEN_KEY = 'mixfarm.token';
// Share of a song's render each stage takes, for one progress figure per song (mix and master dominate).
const STAGE_WEIGHTS = {FETCH: 0.05, DECODE: 0.05, MIX: 0.40, MASTER: 0.35, ENCODE: 0.10, UPLOAD: 0.05};
const STAGES = ['FETCH', 'DECODE', 'MIX', 'MASTER', 'ENCODE', 'UPLOAD'];
const ENDED = ['COMPLETED', 'FAILED', 'CANCELLED'];

const $ = (id) => document.getElementById(id);
const plots = new Map(); // "session/song" -> object URL of the PNG
let timer = null;
let polling = false;

class Unauthorized extends Error {}

async function api(path, asBlob) {
  const headers = {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch(path, {headers, cache: 'no-store'});
  if (response.status === 401) throw new Unauthorized();
  if (!response.ok) {
    let message = response.status + ' ' + response.statusText;
    try { message = (await response.json()).error || message; } catch (e) { /* not JSON */ }
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return asBlob ? response.blob() : response.json();
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) {
    if (child != null) node.append(child);
  }
  return node;
}

function badge(state) {
  return el('span', {class: 'badge ' + String(state).toLowerCase(), text: String(state).toLowerCase()});
}

function bar(fraction, text) {
  const pct = Math.max(0, Math.min(1, fraction)) * 100;
  const fill = el('div', {class: 'fill'});
  fill.style.width = pct.toFixed(1) + '%';
  return el('div', {class: 'bar'}, fill, el('span', {class: 'bar-text', text}));
}

function number(value, digits) {
  return typeof value === 'number' && isFinite(value) ? value.toFixed(digits) : '–';
}

function clock(iso) {
  if (!iso) return '–';
  return new Date(iso).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit', second: '2-digit'});
}

function when(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return d.toLocaleDateString([], {month: 'short', day: 'numeric'}) + ' ' + clock(iso);
}

function duration(seconds) {
  if (seconds == null || !isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
}

/** How far one song is, 0..1: finished songs 1, running ones by stage and the stage's fraction. */
function songFraction(song) {
  if (song.state === 'COMPLETED') return 1;
  if (song.state !== 'RUNNING' || !song.progress) return 0;
  let done = 0;
  for (const stage of STAGES) {
    if (stage === song.progress.stage) return done + STAGE_WEIGHTS[stage] * song.progress.fraction;
    done += STAGE_WEIGHTS[stage];
  }
  return 0.5; // a stage this page does not know
}

function songTime(song) {
  const t = song.timings || {};
  if (!t.startedAt) return null;
  const end = t.endedAt ? new Date(t.endedAt) : (ENDED.includes(song.state) ? null : new Date());
  return end ? (end - new Date(t.startedAt)) / 1000 : null;
}

function route() {
  const m = location.hash.match(/^#\/sessions\/(.+)$/);
  return m ? {session: decodeURIComponent(m[1])} : {};
}

async function refreshFarm() {
  const farm = await api('/api/v1/farm');
  const s = farm.stats;
  $('farm-rate').textContent = number(s.songsPerMinute, 1);
  $('farm-rtf').textContent = number(s.realtimeFactor, 1) + '×';
  $('farm-busy').textContent = s.slotsBusy;
  $('farm-queued').textContent = s.songsQueued + s.songsWaiting;
  $('farm-lag').textContent = farm.lag == null ? '–' : farm.lag;
  $('farm-workers').textContent = farm.consumers == null ? s.activeWorkers : farm.consumers;
}

async function refreshSessions() {
  const page = await api('/api/v1/sessions?limit=100');
  const rows = page.sessions.map((s) => {
    const c = s.songs;
    const link = el('a', {href: '#/sessions/' + encodeURIComponent(s.sessionId)}, s.title || s.sessionId);
    return el('tr', {'data-session': s.sessionId, 'data-state': s.state},
      el('td', {}, link, el('div', {class: 'muted small', text: s.sessionId})),
      el('td', {}, badge(s.state)),
      el('td', {}, bar(c.total ? c.completed / c.total : 0, Math.round(c.total ? 100 * c.completed / c.total : 0) + '%')),
      el('td', {class: 'num', text: c.completed + ' / ' + c.total + (c.failed ? ' (' + c.failed + ' failed)' : '')}),
      el('td', {text: String(s.priority || '').toLowerCase()}),
      el('td', {text: when(s.createdAt)}));
  });
  $('sessions').replaceChildren(...rows);
  $('no-sessions').classList.toggle('hidden', rows.length > 0);
}

async function refreshSession(id) {
  const v = await api('/api/v1/sessions/' + encodeURIComponent(id));
  $('session-title').textContent = v.title || v.sessionId;
  $('session-meta').textContent = [v.artist, v.sessionId, String(v.priority || '').toLowerCase() + ' priority',
    'created ' + when(v.createdAt), 'output ' + v.output].filter(Boolean).join(' · ');
  $('session-state').replaceWith(Object.assign(badge(v.state), {id: 'session-state'}));
  const total = v.songs.length;
  const progress = total ? v.songs.reduce((sum, s) => sum + songFraction(s), 0) / total : 0;
  $('session-bar').style.width = (100 * progress).toFixed(1) + '%';
  $('session-bar-text').textContent = v.counts.completed + ' of ' + total + ' songs · ' + Math.round(100 * progress) + '%';
  const album = v.album;
  $('session-album').textContent = album ? 'Album mode: target ' + number(album.targetLufs, 1) + ' LUFS, gain '
    + (album.gainDb == null ? 'pending' : number(album.gainDb, 2) + ' dB') : '';
  $('session-message').textContent = v.message || '';
  const rows = v.songs.map((s) => songRow(v, s));
  $('songs').replaceChildren(...rows);
  await showPlots(v);
}

function songRow(session, s) {
  const report = s.report || {};
  const input = report.input || {};
  const output = report.output || {};
  const fraction = songFraction(s);
  const stage = s.state === 'RUNNING' && s.progress ? s.progress.stage.toLowerCase() + ' ' + Math.round(100 * s.progress.fraction) + '%'
    : s.state === 'COMPLETED' ? 'done' : (s.phase ? s.phase.toLowerCase() : '');
  const hasPlot = (s.outputs || []).some((o) => o.uri.endsWith('/loudness.png'));
  return el('tr', {'data-song': s.songId, 'data-state': s.state, 'data-progress': fraction.toFixed(3)},
    el('td', {class: 'num', text: s.trackNumber}),
    el('td', {}, s.title || s.songId, el('div', {class: 'muted small', text: s.songId})),
    el('td', {}, badge(s.state), s.attempt > 1 ? el('div', {class: 'muted small', text: 'attempt ' + s.attempt}) : null,
      s.error || s.lastFailure ? el('div', {class: 'error small', text: s.error || s.lastFailure}) : null),
    el('td', {}, bar(fraction, stage)),
    el('td', {text: s.workerId || '–'}),
    el('td', {text: clock((s.timings || {}).startedAt)}),
    el('td', {class: 'num', text: duration(songTime(s))}),
    el('td', {class: 'num', text: number(input.integratedLufs, 1)}),
    el('td', {class: 'num', text: number(output.integratedLufs, 1)}),
    el('td', {class: 'num', text: number(output.truePeakDbtp, 1)}),
    el('td', {}, hasPlot ? el('a', {href: '#plot-' + s.songId, 'data-plot-link': s.songId, text: 'plot'}) : '–'));
}

async function showPlots(session) {
  const figures = [];
  for (const s of session.songs) {
    if (!(s.outputs || []).some((o) => o.uri.endsWith('/loudness.png'))) continue;
    const key = session.sessionId + '/' + s.songId;
    if (!plots.has(key)) {
      try {
        const blob = await api('/api/v1/sessions/' + encodeURIComponent(session.sessionId) + '/songs/'
          + encodeURIComponent(s.songId) + '/plot', true);
        plots.set(key, URL.createObjectURL(blob));
      } catch (e) {
        if (e instanceof Unauthorized) throw e;
        continue; // not readable yet: try again on the next poll
      }
    }
    figures.push(el('figure', {id: 'plot-' + s.songId},
      el('img', {src: plots.get(key), alt: 'loudness of ' + (s.title || s.songId), 'data-plot': s.songId}),
      el('figcaption', {text: s.trackNumber + '. ' + (s.title || s.songId)})));
  }
  const holder = $('plots');
  const ids = figures.map((f) => f.id).join();
  if (holder.dataset.ids !== ids) { // replace only when the set changes, so images do not flicker
    holder.replaceChildren(...figures);
    holder.dataset.ids = ids;
  }
}

async function poll() {
  if (polling) return;
  polling = true;
  const r = route();
  $('sessions-view').classList.toggle('hidden', !!r.session);
  $('session-view').classList.toggle('hidden', !r.session);
  try {
    await refreshFarm();
    if (r.session) await refreshSession(r.session);
    else await refreshSessions();
    $('error').textContent = '';
    $('live').classList.remove('stale');
    showApp();
  } catch (e) {
    if (e instanceof Unauthorized) {
      showLogin(sessionStorage.getItem(TOKEN_KEY) ? 'The token was not accepted.' : '');
    } else {
      $('error').textContent = 'Cannot reach the coordinator: ' + e.message;
      $('live').classList.add('stale');
    }
  } finally {
    polling = false;
  }
}

function showLogin(message) {
  clearInterval(timer);
  timer = null;
  sessionStorage.removeItem(TOKEN_KEY);
  $('app').classList.add('hidden');
  $('logout').classList.add('hidden');
  $('login').classList.remove('hidden');
  $('login-error').textContent = message || '';
  $('token').focus();
}

function showApp() {
  $('login').classList.add('hidden');
  $('app').classList.remove('hidden');
  $('logout').classList.toggle('hidden', !sessionStorage.getItem(TOKEN_KEY));
}

function start() {
  if (!timer) timer = setInterval(poll, POLL_MS);
  poll();
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
  $('token').value = '';
  start();
});
$('logout').addEventListener('click', () => showLogin(''));
window.addEventListener('hashchange', poll);
start();
