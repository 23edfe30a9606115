<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
  <context>
    <name>SenseTrack</name>
    <message>
      <source>&lt;p&gt;&lt;b&gt;Output&lt;/b&gt;: a float32 GeoTIFF on the reference grid with bands DX (positive east), DY (positive north), MAGNITUDE (&amp;ge; 0) and DIRECTION (azimuth of the motion, degrees clockwise from north), in the map units of the reference CRS (metres for projected CRS). Displacement is the position in the target minus the position in the reference. NaN is nodata, wherever either input is nodata. When neither raster is georeferenced the results are in pixels (DY positive up the image).&lt;/p&gt;&lt;p&gt;Both rasters must be on the same grid (same CRS, extent and pixel size).&lt;/p&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;p&gt;Dense displacement for every pixel with OpenCV's Farnebäck polynomial-expansion optical flow. Fast; a pyramid follows motions of many pixels. Use it for smooth, coherent motion such as landslide bodies; increase the window size on noisy images.&lt;/p&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;p&gt;Dense displacement with scikit-image's TV-L1 variational optical flow: robust to noise and outliers, keeps sharp motion boundaries (e.g. the edge of a landslide). Lower attachment gives smoother fields.&lt;/p&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;p&gt;Dense displacement with scikit-image's iterative Lucas-Kanade: a local window is registered around each pixel and the target warped repeatedly. Best for small (a few pixels), smooth motion; the window radius trades detail against robustness.&lt;/p&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A preset file with tuning parameters; its values replace the ones set here.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Add pixel offset bands (COL_SHIFT, ROW_SHIFT)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Also write the offsets in pixels: COL_SHIFT to the right, ROW_SHIFT down the image.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Attachment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Averaging window size (pixels)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Averaging window; larger values are more robust to noise and blur motion boundaries.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Band of the reference image to track (1 = first).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Band of the target image to track (1 = first).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>COSMO-SkyMed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Convergence tolerance.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Data-term weight: smaller values give smoother flow.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dense optical flow (Farnebäck)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dense optical flow (TV-L1)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dense optical flow (iterative Lucas-Kanade)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Displacement</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Fixed-point iterations per warp.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Fraction of pixels with a result</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Gaussian sigma of the polynomial expansion; 1.1 for poly_n=5, 1.5 for poly_n=7.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Gaussian window</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>GeoTIFF with bands DX, DY, MAGNITUDE, DIRECTION.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Image scale (&lt;1) between pyramid levels; 0.5 halves each level.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Iterations</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Iterations per level</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Leave empty to use the nodata value or mask declared in the file.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Median DX {0:.4g}, median DY {1:.4g}, maximum magnitude {2:.4g} ({3})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Median-filter the flow estimate between warps (removes outliers).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Missing Python package(s): {0}. {1}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Neighbourhood for the polynomial expansion; typically 5 or 7.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not enough memory. Try a smaller area or fewer bands.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Number of iterations at each pyramid level.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Number of pyramid levels including the full-resolution image; more levels follow larger motion.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Number of times the target is warped at each scale.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Number of times the target is warped.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Offset tracking</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>PRISMA</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Parameter preset (JSON or YAML)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Polynomial neighbourhood (pixels)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Polynomial sigma</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Post-processing</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Prefilter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Preprocessing</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Pyramid levels</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Pyramid scale</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Radius of the window considered around each pixel.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reference (earlier) image</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reference band</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reference nodata value (overrides the file's)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reference: </source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SNAP</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SenseTrack: missing Python package(s): {0}. Those algorithms are disabled; the others work. {1}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sentinel-1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Target (later) image</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Target band</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Target nodata value (overrides the file's)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The earlier image. Displacement is measured from it to the target.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The later image, on the same grid as the reference (same CRS, extent and pixel size).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The {0} layer is missing or cannot be read.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tightness</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tolerance</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Units of DX, DY and MAGNITUDE</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Units: {0}; pixels with a result: {1:.1%}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Use a Gaussian instead of a box averaging window (OPTFLOW_FARNEBACK_GAUSSIAN): slower, more accurate.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Use a Gaussian kernel instead of a uniform one for the local window.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Warps</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Weight of the coupling term; higher values favour data fidelity.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Window radius (pixels)</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>