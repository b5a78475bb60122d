#!/bin/sh
# Makes the demo's video lesson (seed_demo, training/demo.py): a six-second title card in
# Chinese, drawn by ffmpeg with the Noto CJK font, so the demo needs no download and no CDN.
# The result is committed; run this only to change it (Debian: apt-get install ffmpeg
# fonts-noto-cjk). H.264 baseline in MP4 with the index first (faststart): every phone plays
# it, and it can start and seek before the whole file has arrived.
set -eu
cd "$(dirname "$0")"
FONT="${FONT:-/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc}"
text() {  # text, size, colour, vertical offset, when
  printf "drawtext=fontfile=%s:text='%s':fontsize=%s:fontcolor=%s:x=(w-text_w)/2:y=h/2%s:enable='%s'" \
    "$FONT" "$1" "$2" "$3" "$4" "$5"
}
FILTER="$(text '依法履职 · 辅助执法' 44 white -70 'lt(t,3)'),\
$(text '在岗培训 · 现场安全与应急处置' 24 0xdbe8f5 +30 'lt(t,3)'),\
$(text '遇到冲突，先报告带班执法人员' 32 white -50 'gte(t,3)'),\
$(text '辅助人员不单独处置' 32 0xffd866 +20 'gte(t,3)'),\
fade=t=in:st=0:d=0.5,fade=t=out:st=5.5:d=0.5"
ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "color=c=0x1f4e79:s=640x360:d=6:r=24" -vf "$FILTER" \
  -c:v libx264 -profile:v baseline -level 3.0 -pix_fmt yuv420p -crf 30 -preset veryslow \
  -tune stillimage -movflags +faststart -an -map_metadata -1 -fflags +bitexact \
  demo-title-card.mp4
# The poster: the title card's first full frame, shown before the video is played.
ffmpeg -hide_banner -loglevel error -y -ss 1.5 -i demo-title-card.mp4 -frames:v 1 \
  -map_metadata -1 demo-title-card.jpg
ls -l demo-title-card.mp4 demo-title-card.jpg
