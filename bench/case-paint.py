#!/usr/bin/env python3
"""Opens the case page in Debian's headless Chromium through chromedriver (W3C WebDriver over HTTP,
no client library) and prints, per load, the first contentful paint, when the map first finished
drawing every tile in view, and when the page was ready (case, map, candidates, plan), in ms.

Usage: case-paint.py BASE_URL CASE_NO REPEATS CHROMEDRIVER_PORT
"""
import json, statistics, subprocess, sys, tempfile, time, urllib.request

base, case_no, repeats, port = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
driver = subprocess.Popen(['/usr/bin/chromedriver', '--port=%d' % port], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wd = 'http://127.0.0.1:%d' % port


def call(method, path, body=None):
    req = urllib.request.Request(wd + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={'Content-Type': 'application/json'})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read())['value']


try:
    for _ in range(100):
        try:
            call('GET', '/status')
            break
        except Exception:
            time.sleep(0.1)
    args = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync',
            '--disable-dev-shm-usage', '--window-size=1280,900', '--user-data-dir=' + tempfile.mkdtemp()]
    sid = call('POST', '/session', {'capabilities': {'alwaysMatch': {
        'goog:chromeOptions': {'binary': '/usr/bin/chromium', 'args': args}}}})['sessionId']
    s = '/session/' + sid

    def script(js):
        return call('POST', s + '/execute/sync', {'script': js, 'args': []})

    def element(css):
        return list(call('POST', s + '/element', {'using': 'css selector', 'value': css}).values())[0]

    call('POST', s + '/url', {'url': base + '/login.html'})
    call('POST', s + '/element/%s/value' % element('#username'), {'text': 'cm'})
    call('POST', s + '/element/%s/value' % element('#password'), {'text': 'cm123'})
    call('POST', s + '/element/%s/click' % element('#submit'), {})
    time.sleep(1)
    rows = []
    for i in range(repeats):
        call('POST', s + '/url', {'url': base + '/case.html?no=' + case_no})
        deadline = time.time() + 120
        while time.time() < deadline:
            r = script("return window.hubReadyAt && window.hubMapDrawnAt ? [window.hubReadyAt, window.hubMapDrawnAt,"
                       " (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime,"
                       " window.hubMapReport()[0].overlay] : null")
            if r:
                rows.append(r)
                break
            time.sleep(0.05)
    call('DELETE', s)
    print('| load | first contentful paint ms | map drawn (all tiles in view) ms | page ready (case, map, candidates, plan) ms | candidates drawn |')
    print('|---|---|---|---|---|')
    for i, (ready, drawn, fcp, overlay) in enumerate(rows, 1):
        n = (overlay or {}).get('candidatePassed', 0) + (overlay or {}).get('candidateFailed', 0)
        print('| %d | %.0f | %.0f | %.0f | %d |' % (i, fcp or 0, drawn, ready, n))
    if rows:
        print('| median | %.0f | %.0f | %.0f | |' % (statistics.median([r[2] or 0 for r in rows]),
                                                  statistics.median([r[1] for r in rows]),
                                                  statistics.median([r[0] for r in rows])))
finally:
    driver.terminate()
